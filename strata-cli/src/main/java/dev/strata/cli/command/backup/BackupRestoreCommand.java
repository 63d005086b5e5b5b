package dev.strata.cli.command.backup;

import dev.strata.Consent;
import dev.strata.backup.Backups;
import dev.strata.backup.RestorePreview;
import dev.strata.backup.RestoreResult;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata backup restore}: into a new database by default; over an existing one only after confirmation and a safety backup. */
@Command(
    name = "restore",
    header = "Restore a backup: into a new database, or over one after confirmation and a safety backup.",
    description = "Without --target-url the backup is restored into a new database on the same server, named after the source and"
        + " the backup. Over an existing database, it says exactly which tables it drops and recreates (pg_restore --clean"
        + " --if-exists) with their row counts, asks (or --force), and takes a safety backup of that database first. Afterwards"
        + " every table's row count and content hash is compared with the manifest. Exit code 3 when they differ.")
public final class BackupRestoreCommand extends BaseCommand {
  @Mixin BackupOptions backup;

  @Parameters(index = "0", paramLabel = "ID", description = "The backup to restore (strata backup list), or latest for the newest complete one.")
  String id;

  @Option(names = "--target-url", paramLabel = "URL", description = "The database to restore into (default: a new database).")
  String targetUrl;

  @Option(names = {"-f", "--force"}, description = "Do not ask before dropping the target's tables (a safety backup is still taken).")
  boolean force;

  @Override
  protected int run() {
    CliContext ctx = context();
    Terminal term = terminal();
    ProjectConfig project = backup.project(ctx);
    Backups backups = backup.backups(ctx, term, output.json(), backup.settings(ctx, project), project);
    Optional<DatabaseUrl> target = Optional.ofNullable(targetUrl).map(DatabaseUrl::parse);
    RestorePreview preview = backups.previewRestore(id, target);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", preview.id());
    doc.put("target", preview.target());
    doc.put("createsDatabase", preview.createsDatabase());
    doc.put("replaced", preview.replaced().stream().map(t -> Json.object("table", t.table(), "rows", t.rows())).toList());
    doc.put("untouched", preview.untouched());
    if (preview.createsDatabase()) {
      say(term, "Restoring " + preview.id() + " into a new database " + preview.targetDatabase() + " (" + preview.target() + ").");
    } else if (preview.needsConsent()) {
      say(term, "Restoring " + preview.id() + " over " + preview.target() + " drops and recreates these tables, with the rows they hold now:");
      preview.replaced().forEach(t -> say(term, "  - " + t.table() + " (" + t.rows() + " row" + (t.rows() == 1 ? "" : "s") + ")"));
      if (!preview.untouched().isEmpty()) {
        say(term, "Tables not in the backup are left as they are: " + String.join(", ", preview.untouched()) + ".");
      }
      say(term, "A safety backup of " + preview.targetDatabase() + " is taken first.");
      if (!force && !(ctx.interactive() && confirm(ctx, term, "Restore over " + preview.targetDatabase() + "?"))) {
        String why = ctx.interactive() ? "Restore cancelled: nothing was changed."
            : "Nothing was changed: this shell is non-interactive. Run again with --force to restore over " + preview.targetDatabase() + ".";
        if (output.json()) {
          doc.put("ok", false);
          doc.put("refusal", why);
          term.out().println(Json.write(doc));
        } else {
          term.err().println(term.red("Error: ") + why);
        }
        return ExitCodes.ERROR;
      }
    }
    RestoreResult result = backups.restore(preview, target, preview.needsConsent() ? Consent.reset() : Consent.NONE);
    int exit = result.contentMatches() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    if (output.json()) {
      doc.put("ok", result.contentMatches());
      doc.put("database", result.targetDatabase());
      doc.put("safetyBackup", result.safetyBackupId().orElse(null));
      doc.put("tablesCompared", result.tablesCompared());
      doc.put("problems", result.problems());
      result.limitation().ifPresent(l -> doc.put("notCompared", l));
      doc.put("durationMs", result.elapsed().toMillis());
      term.out().println(Json.write(doc));
      return exit;
    }
    result.safetyBackupId().ifPresent(s -> term.out().println("Safety backup of " + result.targetDatabase() + ": " + s
        + " (strata backup restore " + s + " --target-url … puts it back)."));
    if (result.contentMatches() && result.limitation().isPresent()) {
      term.out().println(term.green("✔ ") + "Restored " + result.id() + " into " + result.targetDatabase() + " in "
          + BackupText.duration(result.elapsed()) + ": all " + result.tablesCompared() + " tables of the manifest are there.");
      term.out().println(term.yellow("! ") + "Not proven: " + result.limitation().get() + ".");
    } else if (result.contentMatches()) {
      term.out().println(term.green("✔ ") + "Restored " + result.id() + " into " + result.targetDatabase() + " in "
          + BackupText.duration(result.elapsed()) + ": all " + result.tablesCompared() + " tables hold the rows and content of the manifest.");
    } else {
      term.err().println(term.red("✗ ") + "Restored " + result.id() + " into " + result.targetDatabase() + ", but it differs from the manifest:");
      result.problems().forEach(p -> term.err().println("  - " + p));
    }
    return exit;
  }

  private void say(Terminal term, String line) {
    (output.json() ? term.err() : term.out()).println(line);
  }

  private static boolean confirm(CliContext ctx, Terminal term, String question) {
    term.out().flush();
    term.err().print(question + " [y/N] ");
    term.err().flush();
    try {
      String line = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
      return line != null && (line.strip().equalsIgnoreCase("y") || line.strip().equalsIgnoreCase("yes"));
    } catch (IOException e) {
      return false;
    }
  }
}
