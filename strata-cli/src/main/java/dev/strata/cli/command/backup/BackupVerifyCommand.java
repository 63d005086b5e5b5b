package dev.strata.cli.command.backup;

import dev.strata.backup.BackupSettings;
import dev.strata.backup.Backups;
import dev.strata.backup.VerifyLevel;
import dev.strata.backup.VerifyResult;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata backup verify}: checksums, or a real restore compared table by table. */
@Command(
    name = "verify",
    header = "Prove a backup: its checksums, or a restore into a scratch database compared table by table.",
    description = "--level checksums (the default) re-hashes every file and the manifest: it catches a flipped byte, a truncated,"
        + " missing or added file and an edited manifest. --level restore also restores the backup into a temporary database"
        + " (on --scratch-url's server, on the embedded PostgreSQL with --scratch-embedded, else on the database's own server) and"
        + " compares every table's row count and content hash with the"
        + " manifest, then drops it. The outcome is written into the manifest (backup list shows it). Exit code 3 when the"
        + " backup fails verification.")
public final class BackupVerifyCommand extends BaseCommand {
  @Mixin BackupOptions backup;

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The backup (default, or latest: the newest complete one).")
  String id;

  @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "checksums", description = "checksums (default) or restore.")
  String level;

  @Option(names = "--scratch-url", paramLabel = "URL", description = "Server where --level restore makes its temporary database.")
  String scratchUrl;

  @Option(names = "--scratch-embedded", description = "--level restore into a throwaway database on the embedded PostgreSQL (no"
      + " load on the database's server, no database URL needed; or on --shadow-database-url's server).")
  boolean scratchEmbedded;

  @Override
  protected int run() {
    CliContext ctx = context();
    Terminal term = terminal();
    VerifyLevel verifyLevel = switch (level.toLowerCase(java.util.Locale.ROOT)) {
      case "checksums" -> VerifyLevel.CHECKSUMS;
      case "restore" -> VerifyLevel.RESTORE;
      default -> throw new dev.strata.StrataException(dev.strata.ErrorCode.USAGE, "--level must be checksums or restore, not " + level + ".");
    };
    ProjectConfig project = backup.project(ctx);
    BackupSettings settings = backup.settings(ctx, project);
    if (scratchUrl != null && scratchEmbedded) {
      throw new dev.strata.StrataException(dev.strata.ErrorCode.USAGE, "--scratch-url and --scratch-embedded name two places: give one.");
    }
    if (scratchUrl != null) {
      settings = settings.withScratchUrl(DatabaseUrl.parse(scratchUrl));
    }
    if (scratchEmbedded) {
      settings = settings.withScratchOnShadow();
    }
    Backups backups = verifyLevel == VerifyLevel.RESTORE && !scratchEmbedded
        ? backup.backups(ctx, term, output.json(), settings, project)
        : Backups.of(dev.strata.cli.CommandStrata.offline(project, BackupOptions.progress(term, output.json(), ctx.interactive())).config(), settings, ctx.env());
    String which = id != null ? id : backups.latest();
    VerifyResult result = backups.verify(which, verifyLevel);
    int exit = result.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", result.ok());
      doc.put("id", result.id());
      doc.put("level", result.level().name().toLowerCase());
      doc.put("filesChecked", result.filesChecked());
      doc.put("tablesCompared", result.tablesCompared());
      doc.put("problems", result.problems());
      result.limitation().ifPresent(l -> doc.put("notCompared", l));
      if (!result.restoredRows().isEmpty()) {
        doc.put("restoredRows", result.restoredRows().stream().map(t -> Json.object("table", t.table(), "rows", t.rows())).toList());
      }
      doc.put("durationMs", result.elapsed().toMillis());
      term.out().println(Json.write(doc));
      return exit;
    }
    if (result.ok() && result.limitation().isPresent()) {
      term.out().println(term.green("✔ ") + "Backup " + term.bold(result.id()) + " verified (" + result.level().name().toLowerCase() + "): "
          + result.filesChecked() + " files match their checksums, and it restores: all " + result.tablesCompared() + " tables are there, "
          + BackupText.rows(result.restoredRows()) + " rows (" + BackupText.duration(result.elapsed()) + ").");
      term.out().println(term.yellow("! ") + "Not proven: " + result.limitation().get() + ".");
    } else if (result.ok()) {
      term.out().println(term.green("✔ ") + "Backup " + term.bold(result.id()) + " verified (" + result.level().name().toLowerCase() + "): "
          + result.filesChecked() + " files match their checksums" + (result.level() == VerifyLevel.RESTORE
              ? ", and a restore holds the same rows and content in all " + result.tablesCompared() + " tables" : "")
          + " (" + BackupText.duration(result.elapsed()) + ").");
    } else {
      term.err().println(term.red("✗ ") + "Backup " + result.id() + " failed verification (" + result.level().name().toLowerCase() + "):");
      result.problems().forEach(p -> term.err().println("  - " + p));
    }
    return exit;
  }
}
