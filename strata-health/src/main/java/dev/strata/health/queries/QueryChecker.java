package dev.strata.health.queries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.health.QueryCheckReport;
import dev.strata.health.QueryCheckReport.QueryResult;
import dev.strata.health.queries.QueryFile.NamedQuery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Runs each query with {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} and then for its result,
 * inside one transaction per query that is always rolled back: a query that writes changes
 * nothing.
 */
public final class QueryChecker {
  private static final ObjectMapper JSON = new ObjectMapper();

  private QueryChecker() {}

  public static QueryCheckReport run(Connection connection, QueryFile file) throws SQLException {
    long started = System.nanoTime();
    List<QueryResult> results = new ArrayList<>();
    connection.setAutoCommit(false);
    try {
      for (NamedQuery query : file.queries()) {
        results.add(check(connection, query));
      }
    } finally {
      connection.rollback();
      connection.setAutoCommit(true);
    }
    return new QueryCheckReport(file.path().toString(), results, Duration.ofNanos(System.nanoTime() - started));
  }

  static QueryResult check(Connection connection, NamedQuery query) throws SQLException {
    List<String> failures = new ArrayList<>();
    Set<String> indexes = new LinkedHashSet<>();
    Set<String> seqScans = new LinkedHashSet<>();
    double ms = 0;
    long rows = 0;
    Optional<String> result = Optional.empty();
    try (Statement s = connection.createStatement()) {
      s.execute("SET LOCAL statement_timeout = '60s'");
      JsonNode plan;
      s.execute("SAVEPOINT strata_plan");
      try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + query.sql())) {
        rs.next();
        plan = JSON.readTree(rs.getString(1)).get(0);
      }
      // what the explained statement wrote is undone before the statement runs again for its rows
      s.execute("ROLLBACK TO SAVEPOINT strata_plan");
      ms = plan.path("Execution Time").asDouble();
      walk(plan.path("Plan"), indexes, seqScans);
      rows = plan.path("Plan").path("Actual Rows").asLong() * Math.max(1, plan.path("Plan").path("Actual Loops").asLong());
      if (query.result().isPresent() || query.rows().isPresent()) {
        try (ResultSet rs = s.executeQuery(query.sql())) {
          long count = 0;
          while (rs.next()) {
            if (count == 0) {
              result = Optional.ofNullable(rs.getString(1));
            }
            count++;
          }
          rows = count;
        }
      }
    } catch (SQLException e) {
      connection.rollback();
      String message = e.getMessage() == null ? e.getSQLState() : e.getMessage().lines().findFirst().orElse("");
      return new QueryResult(query.name(), query.sql(), false, List.of("the query failed: " + message), 0, 0, List.of(), List.of(),
          Optional.empty());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      connection.rollback();
      return new QueryResult(query.name(), query.sql(), false, List.of("unreadable plan: " + e.getOriginalMessage()), 0, 0, List.of(),
          List.of(), Optional.empty());
    }
    connection.rollback();
    for (String index : query.usesIndex()) {
      if (indexes.stream().noneMatch(i -> i.equalsIgnoreCase(index))) {
        failures.add("expected the plan to use index " + index + ", it used " + (indexes.isEmpty() ? "no index" : String.join(", ", indexes)));
      }
    }
    for (String table : query.noSeqScan()) {
      if (seqScans.stream().anyMatch(t -> t.equalsIgnoreCase(table))) {
        failures.add("expected no sequential scan of " + table + ", the plan scans it");
      }
    }
    if (query.rows().isPresent() && query.rows().get() != rows) {
      failures.add("expected " + query.rows().get() + " row(s), got " + rows);
    }
    if (query.result().isPresent() && !query.result().equals(result)) {
      failures.add("expected the result " + query.result().get() + ", got " + result.orElse("no row"));
    }
    if (query.maxMs().isPresent() && ms > query.maxMs().get()) {
      failures.add(String.format(Locale.ROOT, "expected under %s ms, took %.2f ms", fmt(query.maxMs().get()), ms));
    }
    return new QueryResult(query.name(), query.sql(), failures.isEmpty(), failures, ms, rows, List.copyOf(indexes), List.copyOf(seqScans),
        result);
  }

  /** Collects the plan's index names and the relations it scans sequentially. */
  static void walk(JsonNode node, Set<String> indexes, Set<String> seqScans) {
    if (node.has("Index Name")) {
      indexes.add(node.get("Index Name").asText());
    }
    if ("Seq Scan".equals(node.path("Node Type").asText()) && node.has("Relation Name")) {
      seqScans.add(node.get("Relation Name").asText());
    }
    for (JsonNode child : node.path("Plans")) {
      walk(child, indexes, seqScans);
    }
  }

  private static String fmt(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
