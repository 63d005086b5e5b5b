package dev.strata.cli.command.backup;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.backup.BackupSchedule;
import dev.strata.backup.BackupSettings;
import dev.strata.backup.Backups;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.ProjectConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata backup schedule}: a long-running process that backs up at the times of a cron expression. */
@Command(
    name = "schedule",
    header = "Back up at the times of a cron expression, as a long-running process (or print the crontab lines).",
    description = "Runs until stopped (for a container or a systemd unit): at every time of --cron a backup, then with --verify a"
        + " checksum verification and with --prune a prune (GFS 7/4/12), each run logged on standard error. Exits with code 1"
        + " after --max-failures failed runs in a row. --print-crontab prints the equivalent crontab lines instead.")
public final class BackupScheduleCommand extends BaseCommand {
  @Mixin BackupOptions backup;

  @Option(names = "--cron", paramLabel = "EXPR", required = true, description = "Five-field cron expression, e.g. \"0 3 * * *\".")
  String cron;

  @Option(names = "--label", paramLabel = "LABEL", defaultValue = "daily", description = "Label of each backup (default: ${DEFAULT-VALUE}).")
  String label;

  @Option(names = "--verify", description = "Verify each backup's checksums after taking it.")
  boolean verify;

  @Option(names = "--prune", description = "Prune after each successful backup (GFS 7 daily, 4 weekly, 12 monthly).")
  boolean prune;

  @Option(names = "--max-failures", paramLabel = "N", defaultValue = "3", description = "Stop, failed, after N failed runs in a row (default: ${DEFAULT-VALUE}).")
  int maxFailures;

  @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "UTC", description = "Zone of the cron times (default: ${DEFAULT-VALUE}).")
  String zone;

  @Option(names = "--print-crontab", description = "Print the crontab lines that do the same, and exit.")
  boolean printCrontab;

  @Override
  protected int run() throws Exception {
    CliContext ctx = context();
    Terminal term = terminal();
    if (maxFailures < 1) {
      throw new StrataException(ErrorCode.USAGE, "--max-failures must be at least 1, not " + maxFailures + ".");
    }
    ZoneId zoneId;
    try {
      zoneId = ZoneId.of(zone);
    } catch (java.time.DateTimeException e) {
      throw new StrataException(ErrorCode.USAGE, "--time-zone: unknown zone " + zone + ".");
    }
    BackupSchedule schedule = new BackupSchedule(cron, label, verify, prune, maxFailures, zoneId);
    if (printCrontab) {
      List<String> lines = crontab(ctx, schedule);
      if (output.json()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ok", true);
        doc.put("crontab", lines);
        term.out().println(Json.write(doc));
      } else {
        lines.forEach(term.out()::println);
      }
      return ExitCodes.OK;
    }
    ProjectConfig project = backup.project(ctx);
    BackupSettings settings = backup.settings(ctx, project);
    Backups backups = backup.backups(ctx, term, false, settings, project);
    BackupSchedule.Outcome outcome = backups.runSchedule(schedule, Clock.systemUTC(), at -> {
      Duration wait = Duration.between(Instant.now(), at);
      if (!wait.isNegative()) {
        Thread.sleep(wait.toMillis() + 1);
      }
      return true;
    });
    term.err().println((outcome.stoppedOnFailures() ? "Stopped after " + maxFailures + " failed runs in a row" : "Stopped") + ": "
        + outcome.runs() + " runs, " + outcome.failures() + " failed.");
    return outcome.stoppedOnFailures() ? ExitCodes.ERROR : ExitCodes.OK;
  }

  /** The crontab lines: cd into the project, then create (and verify, prune) with the same options. */
  private List<String> crontab(CliContext ctx, BackupSchedule schedule) {
    List<String> options = new ArrayList<>();
    if (backup.dir != null) {
      options.add("--dir " + quote(ctx.resolve(backup.dir).toString()));
    }
    if (backup.s3 != null) {
      options.add("--s3 " + quote(backup.s3));
    }
    if (backup.pgBin != null) {
      options.add("--pg-bin " + quote(ctx.resolve(backup.pgBin.toString()).toString()));
    }
    String common = options.isEmpty() ? "" : " " + String.join(" ", options);
    StringBuilder command = new StringBuilder("cd " + quote(ctx.workingDir().toString()) + " && strata backup create --label "
        + quote(schedule.label()) + common);
    if (schedule.verify()) {
      command.append(" && strata backup verify").append(common);
    }
    if (schedule.prune()) {
      command.append(" && strata backup prune --force").append(common);
    }
    command.append(" >> backups-cron.log 2>&1");
    List<String> lines = new ArrayList<>();
    lines.add("CRON_TZ=" + schedule.zone().getId());
    lines.add(Backups.crontabLine(schedule, command.toString()));
    return lines;
  }

  private static String quote(String value) {
    return value.matches("[A-Za-z0-9_./:=@%+-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
  }
}
