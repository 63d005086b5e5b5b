package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;
import java.util.OptionalLong;

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
    if (severity == Severity.OK) {
      return Finding.pass("reads come from shared buffers", rows);
    }
    long current = (long) Rows.number(ctx.query(sql("cache-hit-ratio-shared-buffers")).maps().get(0), "bytes");
    return Finding.found(severity, "too many reads miss shared buffers", rows,
        "Give shared_buffers more memory (about 25 % of RAM), or find the queries that read large tables (slow-queries).",
        sharedBuffersSql(current, serverMemory(ctx)));
  }

  /**
   * The server's memory, from its {@code /proc/meminfo} (Linux), when this role may read the
   * server's files ({@code pg_read_server_files}); PostgreSQL has no setting that says it.
   */
  private OptionalLong serverMemory(CheckContext ctx) {
    if (!ctx.hasRole("pg_read_server_files")) {
      return OptionalLong.empty();
    }
    try {
      Rows rows = ctx.query(sql("cache-hit-ratio-memory"));
      Object bytes = rows.maps().get(0).get("bytes");
      return bytes == null ? OptionalLong.empty() : OptionalLong.of(((Number) bytes).longValue());
    } catch (SQLException e) {
      return OptionalLong.empty();  // not Linux, or the file cannot be read: the fallback below
    }
  }

  /**
   * The statement that raises shared_buffers: to 25 % of the server's memory when it is known and
   * more than now, else to twice the current value; when shared_buffers already has its quarter, a
   * comment saying that no setting is the fix.
   */
  static String sharedBuffersSql(long currentBytes, OptionalLong memoryBytes) {
    if (memoryBytes.isPresent()) {
      long quarter = memoryBytes.getAsLong() / 4;
      if (quarter <= currentBytes) {
        return "-- no SQL to run: shared_buffers (" + megabytes(currentBytes) + ") already has 25 % of the server's "
            + megabytes(memoryBytes.getAsLong()) + "; find the queries that read large tables (slow-queries)";
      }
      return "ALTER SYSTEM SET shared_buffers = '" + megabytes(quarter) + "';  -- 25 % of the server's " + megabytes(memoryBytes.getAsLong())
          + " (now " + megabytes(currentBytes) + "); needs a restart";
    }
    return "ALTER SYSTEM SET shared_buffers = '" + megabytes(2 * currentBytes) + "';  -- twice the current " + megabytes(currentBytes)
        + " (the server's memory is not readable by this role); needs a restart";
  }

  private static String megabytes(long bytes) {
    return bytes / (1024 * 1024) + "MB";
  }
}
