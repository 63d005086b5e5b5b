package dev.strata.health.snapshot;

import dev.strata.health.Growth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Growth per day from snapshots (a least-squares line through each object's sizes, now included)
 * and the sizes it projects 30, 90 and 365 days out: seed 000's estimate table, measured.
 */
public final class GrowthProjection {
  private static final double DAY_SECONDS = 86_400;

  private GrowthProjection() {}

  /**
   * The database first, then tables of at least {@code minBytes} by bytes per day, fastest first.
   * An object seen in fewer than two measurements (or over less than a minute) grows at 0.
   */
  public static List<Growth> project(List<Snapshot> history, Snapshot now, long minBytes) {
    Map<String, List<double[]>> points = new LinkedHashMap<>();
    List<Snapshot> all = new ArrayList<>(history);
    all.add(now);
    for (Snapshot snapshot : all) {
      double day = (snapshot.takenAt().getEpochSecond() - now.takenAt().getEpochSecond()) / DAY_SECONDS;
      for (Snapshot.Size size : snapshot.sizes()) {
        points.computeIfAbsent(size.key(), k -> new ArrayList<>()).add(new double[] {day, size.bytes()});
      }
    }
    List<Growth> rows = new ArrayList<>();
    for (Snapshot.Size size : now.sizes()) {
      boolean database = size.kind().equals("database");
      if (!database && size.bytes() < minBytes) {
        continue;
      }
      List<double[]> p = points.getOrDefault(size.key(), List.of());
      double slope = slope(p);
      double start = p.isEmpty() ? size.bytes() : p.get(0)[1];
      double percent = start > 0 ? 100 * slope / start : 0;
      rows.add(new Growth(database ? size.name() : size.key(), database, size.bytes(), size.rows(), slope, percent,
          project(size.bytes(), slope, 30), project(size.bytes(), slope, 90), project(size.bytes(), slope, 365)));
    }
    rows.sort(Comparator.comparing((Growth g) -> !g.database()).thenComparing(Comparator.comparingDouble(Growth::bytesPerDay).reversed()));
    return rows;
  }

  private static long project(long bytes, double perDay, int days) {
    return Math.max(0, Math.round(bytes + perDay * days));
  }

  /** Bytes per day: the least-squares slope of (day, bytes); 0 for fewer than two points or under a minute apart. */
  static double slope(List<double[]> points) {
    if (points.size() < 2) {
      return 0;
    }
    double span = points.get(points.size() - 1)[0] - points.get(0)[0];
    if (Math.abs(span) < Duration.ofMinutes(1).getSeconds() / DAY_SECONDS) {
      return 0;
    }
    double n = points.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (double[] p : points) {
      sx += p[0];
      sy += p[1];
      sxx += p[0] * p[0];
      sxy += p[0] * p[1];
    }
    double denominator = n * sxx - sx * sx;
    return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
  }
}
