package dev.strata.cli.command.health;

import dev.strata.cli.BaseCommand;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.health.Growth;
import dev.strata.health.GrowthReport;
import dev.strata.health.Health;
import dev.strata.health.SnapshotResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata health snapshot}: stores sizes and row counts, then shows growth per day and the 30/90/365-day projection. */
@Command(
    name = "snapshot",
    header = "Store the database's and every table's size, and show growth and its projection.",
    description = "Measure the database's size and every table's (with indexes and TOAST) and estimated rows, and store them: "
        + "in the table strata.health_snapshots (created on first use), or in a local file (--file, or snapshots = \"PATH\" under "
        + "[health] in strata.toml). Then show growth per day from the snapshots of the last --days days, and each large table's "
        + "and the database's size projected 30, 90 and 365 days out. Run it daily from cron.")
public final class HealthSnapshotCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;

  @Option(names = "--file", paramLabel = "FILE", description = "Keep snapshots in this file (JSON lines) instead of the database.")
  String file;

  @Option(names = "--days", paramLabel = "N", description = "Measure growth over the last N days of snapshots (default: 30).")
  int days = 30;

  @Override
  protected int run() {
    Terminal term = terminal();
    Health health = HealthTarget.resolve(context(), schemaOptions, connectionOptions);
    Optional<Path> path = Optional.ofNullable(file).map(context()::resolve);
    SnapshotResult stored = health.snapshot(path);
    GrowthReport growth = health.growth(path, Duration.ofDays(Math.max(1, days)));
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("store", stored.store());
      doc.put("takenAt", stored.takenAt().toString());
      doc.put("databaseBytes", stored.databaseBytes());
      doc.put("tables", stored.tables());
      doc.put("snapshots", growth.snapshots());
      doc.put("growth", growth.rows());
      term.out().println(Json.write(doc));
      return ExitCodes.OK;
    }
    term.out().println("Stored a snapshot of " + stored.tables() + " table(s) (database " + pretty(stored.databaseBytes()) + ") in "
        + stored.store() + ".");
    if (growth.snapshots() < 2) {
      term.out().println("Growth needs snapshots at least a day apart: take one daily (cron) and run this again.");
      return ExitCodes.OK;
    }
    term.out().println();
    term.out().println("Growth over " + growth.snapshots() + " snapshot(s) since " + growth.since().map(Object::toString).orElse("-") + ":");
    List<List<String>> rows = new ArrayList<>();
    for (Growth g : growth.rows().subList(0, Math.min(growth.rows().size(), 21))) {
      rows.add(List.of(g.name(), pretty(g.bytes()), pretty((long) g.bytesPerDay()), String.format(Locale.ROOT, "%.2f %%", g.percentPerDay()),
          pretty(g.in30Days()), pretty(g.in90Days()), pretty(g.in365Days())));
    }
    HealthCommand.table(term, List.of("name", "size", "per day", "per day %", "in 30 days", "in 90 days", "in 365 days"), rows);
    return ExitCodes.OK;
  }

  static String pretty(long bytes) {
    String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB"};
    double value = Math.abs(bytes);
    int unit = 0;
    while (value >= 10 * 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (bytes < 0 ? "-" : "") + Math.round(value) + " " + units[unit];
  }
}
