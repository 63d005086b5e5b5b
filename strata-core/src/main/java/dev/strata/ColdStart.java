package dev.strata;

import dev.strata.config.DatabaseUrl;
import dev.strata.migrate.MigrationChecksum;
import dev.strata.migrate.SqlSplitter;
import dev.strata.postgres.exec.PgConnections;
import dev.strata.postgres.exec.PrefetchedConnections;

/**
 * What a short-lived front end (the CLI) does to start fast: load the JDBC driver and the classes
 * that applying migrations uses on a second thread while it parses its command line, and open
 * connections ahead of need. Nothing here has effects an operation could see: it gets the same
 * connections and the same errors as without it (see {@code BENCHMARKS.md}).
 */
public final class ColdStart {
  private ColdStart() {}

  /** Loads the JDBC driver, the checksum digest and the statement splitter (for a background thread). */
  public static void preload() {
    PgConnections.preload();
    MigrationChecksum.of("");
    SqlSplitter.split("SELECT 1;");
  }

  /** Starts opening {@code count} connections to {@code url} in the background (as {@link Strata#openConnectionsAhead(int)}). */
  public static void openConnectionsAhead(DatabaseUrl url, int count) {
    PrefetchedConnections.start(url, count);
  }

  /** Closes the connections opened ahead that no operation took; a front end calls it when a command ends. */
  public static void closeUnused() {
    PrefetchedConnections.closeUnused();
  }
}
