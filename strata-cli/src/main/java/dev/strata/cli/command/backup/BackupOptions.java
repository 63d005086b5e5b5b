package dev.strata.cli.command.backup;

import dev.strata.ErrorCode;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.StrataListener;
import dev.strata.backup.BackupEnvironment;
import dev.strata.backup.BackupSettings;
import dev.strata.backup.Backups;
import java.util.Optional;
import dev.strata.cli.CliContext;
import dev.strata.cli.CommandStrata;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.BackupProgressView;
import dev.strata.cli.output.Terminal;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** What every {@code backup} command shares: the project and database, where the backups are, which pg_dump. */
public final class BackupOptions {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;

  @Option(names = "--dir", paramLabel = "DIR", description = "Folder of the backups (default: backups/ in the project; STRATA_BACKUP_DIR).")
  String dir;

  @Option(names = "--pg-bin", paramLabel = "DIR",
      description = "Folder holding pg_dump and pg_restore (default: the first whose major version is at least the server's, in PATH"
          + " then /usr/lib/postgresql/*/bin).")
  Path pgBin;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "2",
      description = "Parallel jobs of pg_dump/pg_restore and connections that count and hash the tables (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--s3", paramLabel = "s3://BUCKET/PREFIX",
      description = "Keep the backups in S3-compatible object storage (STRATA_BACKUP_S3); --dir then only stages each dump until"
          + " it is uploaded. Credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, else the AWS SDK's default chain.")
  String s3;

  @Option(names = "--s3-endpoint", paramLabel = "URL",
      description = "The object storage's URL for MinIO, R2… (STRATA_BACKUP_S3_ENDPOINT; default: AWS).")
  String s3Endpoint;

  @Option(names = "--s3-region", paramLabel = "REGION", description = "Region (default: AWS_REGION, else us-east-1).")
  String s3Region;

  @Option(names = "--s3-part-size", paramLabel = "MiB", description = "Multipart upload part size in MiB (at least 5; default 16).")
  Integer s3PartSize;

  @Option(names = "--passphrase-file", paramLabel = "FILE",
      description = "File holding the OpenPGP passphrase (else STRATA_BACKUP_PASSPHRASE): create encrypts with it, verify --level"
          + " restore and restore decrypt with it. Never given on the command line itself.")
  Path passphraseFile;

  @Option(names = "--public-key-file", paramLabel = "FILE",
      description = "OpenPGP public key(s) that create encrypts to, as gpg --export [--armor] writes them (else"
          + " STRATA_BACKUP_PUBLIC_KEY_FILE, or the armored key in STRATA_BACKUP_PUBLIC_KEY).")
  Path publicKeyFile;

  @Option(names = "--secret-key-file", paramLabel = "FILE",
      description = "OpenPGP secret key that verify --level restore and restore decrypt with, as gpg --export-secret-keys [--armor]"
          + " writes it (else STRATA_BACKUP_SECRET_KEY_FILE, or the armored key in STRATA_BACKUP_SECRET_KEY); create encrypts to"
          + " its public key when no public key or passphrase is given.")
  Path secretKeyFile;

  @Option(names = "--secret-key-passphrase-file", paramLabel = "FILE",
      description = "File holding the passphrase of a protected secret key (else STRATA_BACKUP_SECRET_KEY_PASSPHRASE).")
  Path secretKeyPassphraseFile;

  /** The project of this run (flags, environment, files). */
  ProjectConfig project(CliContext ctx) {
    return SchemaInput.withSchemaUrl(ctx, SchemaInput.project(ctx, schemaOptions, connectionOptions));
  }

  /**
   * The settings {@code strata backup} uses without flags: the environment ({@code STRATA_BACKUP_DIR},
   * {@code STRATA_BACKUP_S3…}, {@code STRATA_BACKUP_PASSPHRASE}, {@code STRATA_BACKUP_PUBLIC_KEY…},
   * {@code STRATA_BACKUP_SECRET_KEY…}) on the defaults (the studio's backups page).
   */
  public static BackupSettings fromEnvironment(CliContext ctx, ProjectConfig project) {
    BackupOptions options = new BackupOptions();
    options.jobs = 2;
    return options.settings(ctx, project);
  }

  /** The settings the flags give, on the environment's ({@link BackupEnvironment}), on the defaults. */
  BackupSettings settings(CliContext ctx, ProjectConfig project) {
    Path folder = dir != null ? ctx.resolve(dir) : BackupEnvironment.directory(ctx.env(), ctx.workingDir(), project.projectDir().resolve("backups"));
    if (jobs < 1) {
      throw new StrataException(ErrorCode.USAGE, "--jobs must be at least 1, not " + jobs + ".");
    }
    BackupEnvironment.Overrides overrides = new BackupEnvironment.Overrides(Optional.ofNullable(passphraseFile),
        Optional.ofNullable(publicKeyFile), Optional.ofNullable(secretKeyFile), Optional.ofNullable(secretKeyPassphraseFile),
        Optional.ofNullable(s3).filter(v -> !v.isBlank()), Optional.ofNullable(s3Endpoint), Optional.ofNullable(s3Region),
        Optional.ofNullable(s3PartSize).map(Integer::longValue));
    BackupSettings settings = BackupEnvironment.apply(BackupSettings.defaults(folder).withJobs(jobs), overrides, ctx.env(), ctx.workingDir());
    return pgBin == null ? settings : settings.withPgBin(ctx.resolve(pgBin.toString()));
  }

  /** The backups of the configured database ({@code --url}, the config, {@code DATABASE_URL}). */
  Backups backups(CliContext ctx, Terminal term, boolean json, BackupSettings settings, ProjectConfig project) {
    DatabaseUrl url = project.databaseUrl();
    return Backups.of(CommandStrata.of(project, url, progress(term, json, ctx.interactive())).config(), settings, ctx.env());
  }

  /**
   * Progress on standard error (nothing with --json): a redrawn bar for a dump's or restore's
   * tables on a terminal, else one line per step and table.
   */
  static StrataListener progress(Terminal term, boolean json, boolean interactive) {
    BackupProgressView view = new BackupProgressView(term, interactive, "  ");
    return event -> {
      if (!json && event instanceof StrataEvent.BackupProgress p) {
        view.show(p);
      }
    };
  }

  /** Reads {@code 30d}, {@code 12h}, {@code 90m}, {@code 10s}, {@code 500ms}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String text = value.strip().toLowerCase(Locale.ROOT);
      try {
        Duration d;
        if (text.endsWith("ms")) {
          d = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        } else if (text.endsWith("d")) {
          d = Duration.ofDays(Long.parseLong(text.substring(0, text.length() - 1)));
        } else if (text.endsWith("h")) {
          d = Duration.ofHours(Long.parseLong(text.substring(0, text.length() - 1)));
        } else if (text.endsWith("m")) {
          d = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
        } else if (text.endsWith("s")) {
          d = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
        } else {
          d = Duration.ofSeconds(Long.parseLong(text));
        }
        if (d.isNegative()) {
          throw new TypeConversionException("'" + value + "' is negative");
        }
        return d;
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a duration (examples: 30d, 12h, 90m, 10s, 500ms)");
      }
    }
  }
}
