package dev.strata;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Another database session that holds (or would hold) locks a migration needs: its process id,
 * {@code application_name}, {@code state} ({@code idle in transaction}, {@code active}…), its
 * current or last query (cut to {@link #QUERY_LENGTH} characters), the age of its transaction (of
 * its query when it has none), and the relations of the pending migrations it holds locks on (empty
 * when it was seen through {@code pg_blocking_pids()} rather than {@code pg_locks}).
 */
public record BlockingSession(int pid, String applicationName, String state, String query, Duration age, List<String> relations) {
  /** How much of a session's query is kept. */
  public static final int QUERY_LENGTH = 200;

  public BlockingSession {
    Objects.requireNonNull(applicationName, "applicationName");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(query, "query");
    query = query.length() > QUERY_LENGTH ? query.substring(0, QUERY_LENGTH) + "…" : query;
    Objects.requireNonNull(age, "age");
    relations = List.copyOf(relations);
  }

  /** One line: {@code pid 4242 (app "billing", idle in transaction for 12 s): UPDATE …}. */
  public String describe() {
    String query1 = query.replaceAll("\\s+", " ").strip();
    return "pid " + pid + " (" + (applicationName.isEmpty() ? "no application_name" : "application \"" + applicationName + "\"")
        + ", " + (state.isEmpty() ? "state unknown" : state) + ", transaction open for " + seconds(age) + ")"
        + (relations.isEmpty() ? "" : " holding locks on " + String.join(", ", relations))
        + (query1.isEmpty() ? "" : ": " + query1);
  }

  private static String seconds(Duration age) {
    long ms = age.toMillis();
    return ms < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0) : (ms / 1000) + " s";
  }
}
