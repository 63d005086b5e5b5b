package dev.strata.cli.command.backup;

import dev.strata.Consent;
import dev.strata.backup.BackupSettings;
import dev.strata.backup.Backups;
import dev.strata.backup.PrunePlan;
import dev.strata.backup.PruneResult;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.ProjectConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata backup prune}: GFS retention, what it keeps and why, then (after confirmation) the deletion. */
@Command(
    name = "prune",
    header = "Delete the backups no retention rule keeps (GFS: 7 daily, 4 weekly, 12 monthly by default).",
    description = "Keeps the newest backup of each of the last --keep-daily days, --keep-weekly ISO weeks and --keep-monthly months"
        + " that have one (7/4/12 by default), the --keep-last newest, everything younger than --max-age, and always the newest"
        + " backup and the newest verified one; also removes runs that never finished. Given any --keep-*/--max-age option,"
        + " the rules not given are off. Prints what it keeps and why, and what it deletes; then asks (or --force)."
        + " --dry-run only prints.")
public final class BackupPruneCommand extends BaseCommand {
  @Mixin BackupOptions backup;

  @Option(names = "--dry-run", description = "Only print what would be kept and deleted.")
  boolean dryRun;

  @Option(names = {"-f", "--force"}, description = "Delete without asking.")
  boolean force;

  @Option(names = "--keep-last", paramLabel = "N") Integer keepLast;
  @Option(names = "--keep-daily", paramLabel = "N") Integer keepDaily;
  @Option(names = "--keep-weekly", paramLabel = "N") Integer keepWeekly;
  @Option(names = "--keep-monthly", paramLabel = "N") Integer keepMonthly;

  @Option(names = "--max-age", paramLabel = "DURATION", converter = BackupOptions.DurationConverter.class,
      description = "Keep everything younger than this, e.g. 30d.")
  Duration maxAge;

  @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "UTC",
      description = "Where days, weeks and months begin (default: ${DEFAULT-VALUE}).")
  String zone;

  @Override
  protected int run() {
    CliContext ctx = context();
    Terminal term = terminal();
    ProjectConfig project = backup.project(ctx);
    BackupSettings settings = backup.settings(ctx, project);
    ZoneId zoneId;
    try {
      zoneId = ZoneId.of(zone);
    } catch (java.time.DateTimeException e) {
      throw new dev.strata.StrataException(dev.strata.ErrorCode.USAGE, "--time-zone: unknown zone " + zone + ".");
    }
    boolean custom = keepLast != null || keepDaily != null || keepWeekly != null || keepMonthly != null || maxAge != null;
    try {
      settings = settings.withRetention(custom
          ? new BackupSettings.RetentionPolicy(n(keepLast), n(keepDaily), n(keepWeekly), n(keepMonthly), Optional.ofNullable(maxAge), zoneId)
          : new BackupSettings.RetentionPolicy(0, 7, 4, 12, Optional.empty(), zoneId));
    } catch (IllegalArgumentException e) {
      throw new dev.strata.StrataException(dev.strata.ErrorCode.USAGE, e.getMessage() + ".");
    }
    Backups backups = Backups.of(dev.strata.cli.CommandStrata.offline(project, BackupOptions.progress(term, output.json(), ctx.interactive())).config(),
        settings, ctx.env());
    Instant now = Instant.now();
    PrunePlan plan = backups.previewPrune(now);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("dryRun", dryRun);
    doc.put("keep", decisions(plan.keep()));
    doc.put("delete", decisions(plan.delete()));
    if (!output.json()) {
      term.out().println("Keeping " + plan.keep().size() + ":");
      plan.keep().forEach(d -> term.out().println("  " + d.id() + "  " + d.label() + "  (" + String.join(", ", d.reasons()) + ")"));
      term.out().println((dryRun ? "Would delete " : "Deleting ") + plan.delete().size() + (plan.delete().isEmpty() ? "." : ":"));
      plan.delete().forEach(d -> term.out().println("  " + d.id() + "  " + d.label() + "  (" + String.join(", ", d.reasons()) + ")"));
    }
    if (dryRun || plan.delete().isEmpty()) {
      if (output.json()) {
        doc.put("ok", true);
        doc.put("deleted", List.of());
        term.out().println(Json.write(doc));
      }
      return ExitCodes.OK;
    }
    if (!force && !(ctx.interactive() && confirm(ctx, term, "Delete " + plan.delete().size() + " backup" + (plan.delete().size() == 1 ? "" : "s") + "?"))) {
      String why = ctx.interactive() ? "Prune cancelled: nothing was deleted."
          : "Nothing was deleted: this shell is non-interactive. Run again with --force to delete them.";
      if (output.json()) {
        doc.put("ok", false);
        doc.put("refusal", why);
        term.out().println(Json.write(doc));
      } else {
        term.err().println(term.red("Error: ") + why);
      }
      return ExitCodes.ERROR;
    }
    PruneResult result = backups.prune(plan, now, Consent.reset());
    if (output.json()) {
      doc.put("ok", true);
      doc.put("deleted", result.deleted());
      doc.put("bytesFreed", result.bytesFreed());
      term.out().println(Json.write(doc));
    } else {
      term.out().println(term.green("✔ ") + "Deleted " + result.deleted().size() + " backup" + (result.deleted().size() == 1 ? "" : "s")
          + ", " + BackupText.size(result.bytesFreed()) + " freed.");
    }
    return ExitCodes.OK;
  }

  private static int n(Integer value) {
    return value == null ? 0 : value;
  }

  private static List<Map<String, Object>> decisions(List<PrunePlan.Decision> decisions) {
    return decisions.stream().map(d -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", d.id());
      m.put("label", d.label());
      m.put("reasons", d.reasons());
      return m;
    }).toList();
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
