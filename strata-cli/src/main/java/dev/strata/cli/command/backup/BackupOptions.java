package dev.strata.cli.command.backup;

import dev.strata.ErrorCode;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.StrataListener;
import dev.strata.backup.BackupSettings;
import dev.strata.backup.Backups;
import dev.strata.backup.Encryption;
import dev.strata.backup.ObjectStorage;
import java.net.URI;
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

  /** The project of this run (flags, environment, files). */
  ProjectConfig project(CliContext ctx) {
    return SchemaInput.withSchemaUrl(ctx, SchemaInput.project(ctx, schemaOptions, connectionOptions));
  }

  /**
   * The settings {@code strata backup} uses without flags: the environment ({@code STRATA_BACKUP_DIR},
   * {@code STRATA_BACKUP_S3…}, {@code STRATA_BACKUP_PASSPHRASE}) on the defaults (the studio's backups page).
   */
  public static BackupSettings fromEnvironment(CliContext ctx, ProjectConfig project) {
    BackupOptions options = new BackupOptions();
    options.jobs = 2;
    return options.settings(ctx, project);
  }

  /** The settings the flags give, on the defaults. */
  BackupSettings settings(CliContext ctx, ProjectConfig project) {
    Path folder = dir != null ? ctx.resolve(dir)
        : ctx.env().containsKey("STRATA_BACKUP_DIR") ? ctx.resolve(ctx.env().get("STRATA_BACKUP_DIR")) : project.projectDir().resolve("backups");
    if (jobs < 1) {
      throw new StrataException(ErrorCode.USAGE, "--jobs must be at least 1, not " + jobs + ".");
    }
    BackupSettings settings = BackupSettings.defaults(folder).withJobs(jobs);
    String location = s3 != null ? s3 : ctx.env().get("STRATA_BACKUP_S3");
    if (location != null && !location.isBlank()) {
      String endpoint = s3Endpoint != null ? s3Endpoint : ctx.env().get("STRATA_BACKUP_S3_ENDPOINT");
      String region = s3Region != null ? s3Region : ctx.env().getOrDefault("AWS_REGION", "us-east-1");
      try {
        ObjectStorage storage = ObjectStorage.parse(location.strip(), Optional.ofNullable(endpoint).filter(e -> !e.isBlank()).map(URI::create),
            region, Optional.ofNullable(ctx.env().get("AWS_ACCESS_KEY_ID")), Optional.ofNullable(ctx.env().get("AWS_SECRET_ACCESS_KEY")));
        if (s3PartSize != null) {
          storage = storage.withPartSize(s3PartSize * 1024L * 1024L);
        }
        settings = settings.withObjectStorage(storage);
      } catch (IllegalArgumentException e) {
        throw new StrataException(ErrorCode.USAGE, "--s3: " + e.getMessage() + ".");
      }
    }
    Optional<String> passphrase = Optional.ofNullable(ctx.env().get("STRATA_BACKUP_PASSPHRASE"));
    if (passphraseFile != null) {
      Path file = ctx.resolve(passphraseFile.toString());
      try {
        // its first line, as gpg --passphrase-file reads it: the file's line break is not part of it
        passphrase = Optional.of(java.nio.file.Files.readString(file).lines().findFirst().orElse(""));
      } catch (java.io.IOException e) {
        throw new StrataException(ErrorCode.FILE_NOT_FOUND, "--passphrase-file: cannot read " + file + " ("
            + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()) + ").");
      }
    }
    if (passphrase.isPresent()) {
      try {
        settings = settings.withEncryption(Encryption.passphrase(passphrase.get()));
      } catch (IllegalArgumentException e) {
        throw new StrataException(ErrorCode.CONFIG, e.getMessage() + " (" + (passphraseFile != null ? "--passphrase-file" : "STRATA_BACKUP_PASSPHRASE") + ").");
      }
    }
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
