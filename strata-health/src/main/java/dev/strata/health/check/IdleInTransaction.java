package dev.strata.health.check;

/** {@code idle-in-transaction}: sessions idle inside an open transaction (they hold locks and the vacuum horizon). */
public final class IdleInTransaction extends SessionCheck {
  public IdleInTransaction() {
    super("idle-in-transaction", "Idle in transaction", 300, 1800, "idle_seconds", "no session has been idle in a transaction for %s s",
        "%d session(s) idle in a transaction for over %s s",
        "End the sessions and fix the application path that leaves transactions open; set idle_in_transaction_session_timeout.");
  }

  @Override
  String fixSql(Rows rows) {
    // the timeout for the roles the sessions run as (from the evidence), so the next one is ended by the server
    String timeouts = rows.maps().stream().map(r -> Rows.string(r, "role")).filter(r -> !r.isBlank()).distinct()
        .map(r -> "ALTER ROLE " + ident(r) + " SET idle_in_transaction_session_timeout = '5min';")
        .collect(java.util.stream.Collectors.joining("\n"));
    return perSession(rows, "pg_terminate_backend") + (timeouts.isEmpty() ? "" : "\n" + timeouts);
  }
}
