package dev.strata.health.check;

/** {@code long-running-queries}: statements running longer than a minute (pghero: 60 s). */
public final class LongRunningQueries extends SessionCheck {
  public LongRunningQueries() {
    super("long-running-queries", "Long-running queries", 60, 300, "seconds", "no statement has run for %s s",
        "%d statement(s) running for over %s s",
        "Cancel the statement if it should not run that long, then look at its plan; set statement_timeout for the role.");
  }

  @Override
  String fixSql(Rows rows) {
    return perSession(rows, "pg_cancel_backend");
  }
}
