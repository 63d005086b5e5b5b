package dev.strata.cli.command.health;

import dev.strata.cli.BaseCommand;
import dev.strata.cli.ExitCodes;
import dev.strata.health.Health;
import picocli.CommandLine.Command;

/** {@code strata health alerts}: Prometheus alerting rules for the seeds' thresholds. */
@Command(
    name = "alerts",
    header = "Print Prometheus alerting rules for the metrics of `strata health serve`.",
    description = "Print a Prometheus rule file (YAML): connections over 80 %, queries running over 1 s, growth over 10 % a day, "
        + "replication lag over 10 s, inactive slots, failing WAL archiving, failed backups, wraparound, and any check's warning "
        + "or critical finding. Save it beside prometheus.yml and list it under rule_files.")
public final class HealthAlertsCommand extends BaseCommand {
  @Override
  protected boolean usesProject() {
    return false;
  }

  @Override
  protected int run() {
    terminal().out().print(Health.alertRules());
    terminal().out().flush();
    return ExitCodes.OK;
  }
}
