package dev.strata;

import dev.strata.postgres.exec.PgConnections;
import java.sql.Connection;

/**
 * A request to stop a running migration command, made from another thread (the CLI's signal
 * handler, an application shutting down): the statement running on the command's connection is
 * cancelled on the server (PostgreSQL's cancel request, as Ctrl-C in {@code psql}), its
 * transaction rolls back, and the command stops before starting anything else and reports what
 * stayed applied.
 */
public final class Cancellation {
  private volatile boolean requested;
  private volatile Connection connection;

  /** Asks the command to stop; safe to call from any thread, any number of times. */
  public void cancel() {
    requested = true;
    Connection current = connection;
    if (current != null) {
      PgConnections.cancelRunningStatement(current);
    }
  }

  /** Whether {@link #cancel()} was called. */
  public boolean requested() {
    return requested;
  }

  /** The connection whose running statement {@link #cancel()} cancels (set by the command while it works). */
  public void watch(Connection current) {
    connection = current;
    if (requested && current != null) {
      PgConnections.cancelRunningStatement(current);
    }
  }
}
