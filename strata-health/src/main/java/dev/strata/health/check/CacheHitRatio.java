package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;

/** {@code cache-hit-ratio}: share of table and index reads served from shared buffers (pghero: 99 %). */
public final class CacheHitRatio extends Check {
  @Override
  public String id() {
    return "cache-hit-ratio";
  }

  @Override
  public String title() {
    return "Cache hit ratio";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("warning", 99.0, "critical", 90.0, "min_blocks", 1_000_000.0);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows rows = ctx.query(sql());
    double minBlocks = ctx.threshold("min_blocks");
    Rows judged = rows.filter(r -> Rows.number(r, "hits") + Rows.number(r, "reads") >= Math.max(minBlocks, 1));
    if (judged.isEmpty()) {
      return Finding.pass("too few block reads since the statistics began to judge (" + UnusedIndexes.fmt(minBlocks) + " needed)", rows);
    }
    Severity severity = Finding.worst(judged, r -> Finding.below(Rows.number(r, "hit_percent"), ctx.threshold("warning"), ctx.threshold("critical")));
    return Finding.found(severity, severity == Severity.OK ? "reads come from shared buffers" : "too many reads miss shared buffers", rows,
        "Give shared_buffers more memory (about 25 % of RAM), or find the queries that read large tables (slow-queries).",
        "ALTER SYSTEM SET shared_buffers = '<25% of RAM>';  -- needs a restart");
  }
}
