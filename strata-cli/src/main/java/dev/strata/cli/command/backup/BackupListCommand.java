package dev.strata.cli.command.backup;

import dev.strata.backup.BackupInfo;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.ProjectConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code strata backup list}: every backup, newest first. */
@Command(
    name = "list",
    header = "List the backups: id, label, age, size, verified, migration head.",
    description = "Every backup in the backup folder, newest first. A run that never finished is shown as INCOMPLETE and is never"
        + " used; 'verified' is the outcome of the last backup verify (and its level).")
public final class BackupListCommand extends BaseCommand {
  @Mixin BackupOptions backup;

  @Override
  protected int run() {
    CliContext ctx = context();
    Terminal term = terminal();
    ProjectConfig project = backup.project(ctx);
    var settings = backup.settings(ctx, project);
    List<BackupInfo> backups = dev.strata.backup.Backups.of(
        dev.strata.cli.CommandStrata.offline(project, BackupOptions.progress(term, true, false)).config(), settings, ctx.env()).list();
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("directory", settings.directory().toString());
      doc.put("backups", backups.stream().map(BackupText::json).toList());
      term.out().println(Json.write(doc));
      return ExitCodes.OK;
    }
    if (backups.isEmpty()) {
      term.out().println("No backups in " + ctx.display(settings.directory()) + ".");
      return ExitCodes.OK;
    }
    Instant now = Instant.now();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"id", "label", "age", "size", "verified", "encrypted", "migration head"});
    for (BackupInfo b : backups) {
      String verified = !b.complete() ? "INCOMPLETE"
          : b.verification().map(v -> (v.ok() ? "yes" : "FAILED") + " (" + v.level().name().toLowerCase() + ")").orElse("no");
      rows.add(new String[] {b.id(), b.label(), b.createdAt().map(t -> BackupText.age(t, now)).orElse(""), BackupText.size(b.sizeBytes()),
          verified, b.encryption().orElse("no"), b.migrationHead().orElse("")});
    }
    int[] widths = new int[7];
    rows.forEach(r -> {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    });
    for (int n = 0; n < rows.size(); n++) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        line.append(String.format("%-" + widths[i] + "s", rows.get(n)[i]));
        if (i < widths.length - 1) {
          line.append("  ");
        }
      }
      term.out().println(n == 0 ? term.bold(line.toString().stripTrailing()) : line.toString().stripTrailing());
    }
    return ExitCodes.OK;
  }
}
