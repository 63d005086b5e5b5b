package dev.strata.cli.command.backup;

import dev.strata.backup.BackupFormat;
import dev.strata.backup.BackupInfo;
import dev.strata.backup.BackupSettings;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.ProjectConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata backup create}: pg_dump in an exported snapshot, with row counts and content hashes read in the same snapshot. */
@Command(
    name = "create",
    header = "Take a backup with pg_dump, with every table's row count and content hash.",
    description = "Dumps the database with PostgreSQL's own pg_dump (directory format with parallel jobs, or --format custom) in"
        + " an exported snapshot, and reads every table's row count and an order-independent content hash in that same snapshot"
        + " on parallel connections. Waits for a running migration (the same advisory lock as migrate deploy). Writes"
        + " manifest.json beside the data: ids, versions, sizes, tables, the latest applied migration, the SHA-256 of every file."
        + " A failed run leaves nothing that looks like a backup.")
public final class BackupCreateCommand extends BaseCommand {
  @Mixin BackupOptions backup;

  @Option(names = "--label", paramLabel = "LABEL", defaultValue = "manual",
      description = "What the backup is for: daily, pre-migration:NAME, manual (default: ${DEFAULT-VALUE}).")
  String label;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "directory",
      description = "directory (parallel dump, the default) or custom (one file).")
  String format;

  @Option(names = "--compress", paramLabel = "0-9", description = "pg_dump's compression level (default: pg_dump's, a moderate gzip).")
  Integer compress;

  @Option(names = "--lock-wait-timeout", paramLabel = "DURATION", converter = BackupOptions.DurationConverter.class,
      description = "Fail rather than wait longer than this for a table's lock (pg_dump --lock-wait-timeout), e.g. 30s.")
  Duration lockWaitTimeout;

  @Option(names = "--no-hash", description = "Row counts only, no content hashes (a full scan of every table costs time on big databases).")
  boolean noHash;

  @Override
  protected int run() {
    CliContext ctx = context();
    Terminal term = terminal();
    ProjectConfig project = backup.project(ctx);
    BackupSettings settings = backup.settings(ctx, project).withHash(!noHash).withFormat(format(format));
    if (compress != null) {
      if (compress < 0 || compress > 9) {
        throw new dev.strata.StrataException(dev.strata.ErrorCode.USAGE, "--compress must be 0 to 9, not " + compress + ".");
      }
      settings = settings.withCompression(compress);
    }
    if (lockWaitTimeout != null) {
      settings = settings.withLockWaitTimeout(lockWaitTimeout);
    }
    BackupInfo taken = backup.backups(ctx, term, output.json(), settings, project).create(label);
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("backup", BackupText.json(taken));
      term.out().println(Json.write(doc));
      return ExitCodes.OK;
    }
    term.out().println(term.green("✔ ") + "Backup " + term.bold(taken.id()) + " (" + taken.label() + ") of " + taken.database() + ": "
        + BackupText.size(taken.sizeBytes()) + ", " + taken.tables().size() + " tables, " + (taken.exactRows() ? "" : "~") + BackupText.rows(taken.tables()) + " rows"
        + (taken.hashed() ? " hashed" : taken.exactRows() ? " counted" : " (estimated: --no-hash records no content proof)") + ", in " + BackupText.duration(taken.duration()) + ".");
    term.out().println("  " + taken.path());
    taken.migrationHead().ifPresent(h -> term.out().println("  latest migration: " + h));
    return ExitCodes.OK;
  }

  static BackupFormat format(String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "directory", "d" -> BackupFormat.DIRECTORY;
      case "custom", "c" -> BackupFormat.CUSTOM;
      default -> throw new dev.strata.StrataException(dev.strata.ErrorCode.USAGE, "--format must be directory or custom, not " + value + ".");
    };
  }
}
