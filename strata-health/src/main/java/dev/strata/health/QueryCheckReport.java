package dev.strata.health;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code strata check queries}: each named query's plan and run against its expectations.
 *
 * @param file the queries file
 * @param queries one result per query, in file order
 * @param elapsed how long the whole run took
 */
public record QueryCheckReport(String file, List<QueryResult> queries, Duration elapsed) {
  public QueryCheckReport {
    queries = List.copyOf(queries);
  }

  /** How many queries failed an expectation (or failed to run). */
  public long failures() {
    return queries.stream().filter(q -> !q.passed()).count();
  }

  /**
   * One query.
   *
   * @param name its name
   * @param sql its text
   * @param passed whether every expectation held
   * @param failures one line per expectation that did not hold (or the error)
   * @param executionMs {@code EXPLAIN ANALYZE}'s execution time
   * @param rows rows returned
   * @param indexesUsed the indexes the plan used
   * @param seqScans the tables the plan scanned sequentially
   * @param result the first column of the first row, when the query returned one
   */
  public record QueryResult(
      String name, String sql, boolean passed, List<String> failures, double executionMs, long rows, List<String> indexesUsed,
      List<String> seqScans, Optional<String> result) {
    public QueryResult {
      failures = List.copyOf(failures);
      indexesUsed = List.copyOf(indexesUsed);
      seqScans = List.copyOf(seqScans);
    }
  }
}
