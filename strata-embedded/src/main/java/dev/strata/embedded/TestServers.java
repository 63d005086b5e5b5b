package dev.strata.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * The servers the test kit can put test databases on: the shared embedded one, and the
 * PostgreSQL installed on the machine when it is reachable.
 */
public final class TestServers {
  /** Host, port and user of the machine's own server (overridable for other set-ups). */
  static final String LOCAL_HOST = System.getProperty("strata.test.local.host", "127.0.0.1");
  static final int LOCAL_PORT = Integer.getInteger("strata.test.local.port", 5432);
  static final String LOCAL_USER = System.getProperty("strata.test.local.user", "postgres");

  private static final Object LOCK = new Object();
  private static Optional<PostgresServer> local;

  private TestServers() {}

  /** The JVM's shared embedded server, started on first use. */
  public static LocalPostgres embedded() {
    return LocalPostgres.shared();
  }

  /**
   * The PostgreSQL server on 127.0.0.1:5432 (user {@code postgres}, no password) when a
   * connection succeeds; probed once per JVM. System properties {@code strata.test.local.host},
   * {@code .port} and {@code .user} point it elsewhere.
   */
  public static Optional<PostgresServer> localServer() {
    synchronized (LOCK) {
      if (local == null) {
        local = probe(PostgresServer.external(LOCAL_HOST, LOCAL_PORT, LOCAL_USER));
      }
      return local;
    }
  }

  /** A human-readable address of the local server, for skip messages. */
  static String localServerAddress() {
    return LOCAL_USER + "@" + LOCAL_HOST + ":" + LOCAL_PORT;
  }

  static Optional<PostgresServer> probe(PostgresServer server) {
    Properties props = new Properties();
    props.setProperty("connectTimeout", "2");
    props.setProperty("socketTimeout", "5");
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(ServerOps.MAINTENANCE_DATABASE), props)) {
      return c.isValid(2) ? Optional.of(server) : Optional.empty();
    } catch (SQLException e) {
      return Optional.empty();
    }
  }
}
