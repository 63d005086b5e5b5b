package dev.strata.postgres.exec;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.PGConnection;

/** Opens JDBC connections from Prisma-style URLs, with clear, password-free errors. */
public final class PgConnections {
  /** The driver classes a connection, a query and a migration run load (a resource, one name a line). */
  private static final String DRIVER_CLASSES = "driver-classes.txt";

  private PgConnections() {}

  /**
   * Loads and initializes the JDBC driver's classes ahead of the first connection. A cold CLI
   * calls this on a second thread while it parses its command line, so that the two overlap
   * (about 0.1 s of class loading). Returns the names it could not load: none, unless the driver
   * changed (a test keeps the list true).
   */
  public static List<String> preload() {
    Optional<List<String>> names = driverClasses();
    if (names.isEmpty()) {
      return List.of("the class list " + DRIVER_CLASSES);
    }
    List<String> missing = new ArrayList<>();
    ClassLoader loader = PgConnections.class.getClassLoader();
    for (String name : names.get()) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        missing.add(name);
      }
    }
    return missing;
  }

  /** The names in {@link #DRIVER_CLASSES}; empty when the resource cannot be read. */
  private static Optional<List<String>> driverClasses() {
    try (InputStream in = PgConnections.class.getResourceAsStream(DRIVER_CLASSES)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * A connection to {@code url}: one opened ahead by {@link PrefetchedConnections} for an equal
   * URL, else a new one.
   *
   * @throws StrataException ({@link ErrorCode#DATABASE}) when the database cannot be reached, with
   *     the password masked
   */
  public static Connection open(DatabaseUrl url) {
    Optional<Connection> prefetched = PrefetchedConnections.take(url);
    return prefetched.isPresent() ? prefetched.get() : openDirectly(url);
  }

  /**
   * Asks the server to cancel the statement running on {@code connection} (PostgreSQL's cancel
   * request, sent on a connection of its own, as Ctrl-C in {@code psql}); the statement then fails
   * with SQLSTATE 57014 and its transaction can only roll back. Best effort: a connection that is
   * idle or gone is left as it is.
   */
  public static void cancelRunningStatement(Connection connection) {
    try {
      connection.unwrap(PGConnection.class).cancelQuery();
    } catch (SQLException | RuntimeException ignored) {
      // Nothing is running, or the connection is gone: nothing to cancel.
    }
  }

  /** The backend process id of {@code connection}, as the driver learnt it at startup (no query); empty when it is not the driver's. */
  public static java.util.OptionalInt backendPid(Connection connection) {
    try {
      return connection.isWrapperFor(PGConnection.class)
          ? java.util.OptionalInt.of(connection.unwrap(PGConnection.class).getBackendPID()) : java.util.OptionalInt.empty();
    } catch (SQLException e) {
      return java.util.OptionalInt.empty();
    }
  }

  /**
   * Makes the server stop this session's work when its client is gone (PostgreSQL 14+'s {@code
   * client_connection_check_interval}, checked every second during a statement), so that a
   * killed client's migration is rolled back within a second instead of running on and
   * committing. Returns whether the server supports it.
   */
  public static boolean stopWorkWhenClientGone(Connection connection) throws SQLException {
    if (connection.getMetaData().getDatabaseMajorVersion() < 14) {
      return false;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET client_connection_check_interval = 1000");
    }
    return true;
  }

  /**
   * Why a connection failed, naming the host and port: the driver says only "The connection
   * attempt failed." for an unknown host or a broken network, and keeps the real reason in its cause.
   */
  static String reason(DatabaseUrl url, SQLException e) {
    String where = url.host() + ":" + url.port();
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException) {
        return "the host \"" + url.host() + "\" is unknown (its name does not resolve). Check the host in the database URL.";
      }
      if (t instanceof java.net.SocketTimeoutException) {
        return "no answer from " + where + " in time (" + t.getMessage() + "). Check the host, the port and the firewall.";
      }
      if (t instanceof java.net.NoRouteToHostException || t instanceof java.net.ConnectException) {
        String detail = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return String.valueOf(e.getMessage()).contains(where) ? String.valueOf(e.getMessage())
            : "could not reach " + where + " (" + detail + ").";
      }
    }
    String message = String.valueOf(e.getMessage());
    return message.contains(url.host()) ? message : message + " (" + where + ")";
  }

  /** A new connection to {@code url}, with the errors of {@link #open}. */
  static Connection openDirectly(DatabaseUrl url) {
    Properties props = url.toJdbcProperties();
    props.putIfAbsent("ApplicationName", "strata");
    props.putIfAbsent("connectTimeout", "10");
    try {
      return DriverManager.getConnection(url.toJdbcUrl(), props);
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "" : " [" + e.getSQLState() + "]";
      throw new StrataException(
          ErrorCode.DATABASE,
          "Could not connect to " + url.masked() + ": " + DatabaseUrl.mask(reason(url, e)) + state,
          StrataException.Details.none().withSqlState(e.getSQLState()),
          e);
    }
  }
}
