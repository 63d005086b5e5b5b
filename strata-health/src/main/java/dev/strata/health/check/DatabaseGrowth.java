package dev.strata.health.check;

import dev.strata.health.Growth;
import dev.strata.health.Severity;
import dev.strata.health.snapshot.GrowthProjection;
import dev.strata.health.snapshot.Snapshot;
import dev.strata.health.snapshot.SnapshotStore;
import dev.strata.health.snapshot.Snapshots;
import dev.strata.health.snapshot.Stores;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code database-growth}: growth per day measured from {@code strata health snapshot}s over the
 * last {@code window_days}, with the 30/90/365-day projection; the seeds alert above 10 % a day.
 */
public final class DatabaseGrowth extends Check {
  private static final double MB = 1024.0 * 1024;

  @Override
  public String id() {
    return "database-growth";
  }

  @Override
  public String title() {
    return "Database growth and projection";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("warning_percent_per_day", 10.0, "critical_percent_per_day", 50.0, "window_days", 7.0, "min_table_mb", 1.0);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    SnapshotStore store = Stores.of(ctx.settings(), ctx.projectDir(), ctx.connection(), Optional.empty());
    List<Snapshot> history = store.load(ctx.now().minus(Duration.ofSeconds((long) (ctx.threshold("window_days") * 86_400))));
    if (history.isEmpty()) {
      return Finding.notConfigured("no snapshot in " + store.describe() + " over the last " + UnusedIndexes.fmt(ctx.threshold("window_days"))
          + " days", "Take a snapshot every day (cron: strata health snapshot); growth is measured from them.", null);
    }
    Snapshot now = Snapshots.measure(ctx.connection());
    List<Growth> growth = GrowthProjection.project(history, now, (long) (ctx.threshold("min_table_mb") * MB));
    Growth database = growth.get(0);
    double warning = ctx.threshold("warning_percent_per_day");
    double critical = ctx.threshold("critical_percent_per_day");
    Severity severity = Finding.above(database.percentPerDay(), warning, critical);
    List<String> columns = List.of("name", "size", "per_day", "percent_per_day", "in_30_days", "in_90_days", "in_365_days");
    List<Map<String, Object>> maps = new ArrayList<>();
    for (Growth g : growth.subList(0, Math.min(growth.size(), 11))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", g.name());
      m.put("size", Sizes.pretty(g.bytes()));
      m.put("per_day", Sizes.pretty((long) g.bytesPerDay()));
      m.put("percent_per_day", String.format(Locale.ROOT, "%.2f", g.percentPerDay()));
      m.put("in_30_days", Sizes.pretty(g.in30Days()));
      m.put("in_90_days", Sizes.pretty(g.in90Days()));
      m.put("in_365_days", Sizes.pretty(g.in365Days()));
      maps.add(m);
    }
    Rows rows = new Rows(columns, maps);
    String summary = String.format(Locale.ROOT, "the database grows %s a day (%.2f %%/day over %d snapshot(s)); in a year: %s",
        Sizes.pretty((long) database.bytesPerDay()), database.percentPerDay(), history.size(), Sizes.pretty(database.in365Days()));
    return Finding.found(severity, summary, rows,
        "Find what grows (the tables above), archive or partition it, and plan the disk for the projection.",
        "-- no SQL to run: growth is planned for (disk) or cut by archiving what grows, the application's decision");
  }

  /** Sizes as pg_size_pretty writes them. */
  public static final class Sizes {
    private Sizes() {}

    public static String pretty(long bytes) {
      long abs = Math.abs(bytes);
      String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB"};
      double value = abs;
      int unit = 0;
      while (value >= 10 * 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
      }
      return (bytes < 0 ? "-" : "") + Math.round(value) + " " + units[unit];
    }
  }

}
