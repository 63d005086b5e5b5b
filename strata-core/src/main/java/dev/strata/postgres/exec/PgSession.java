package dev.strata.postgres.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * A connection in autocommit mode on which Strata steers transactions itself with {@code BEGIN}
 * and {@code COMMIT}, as {@code psql} does, so that a script's own transaction statements and the
 * statements PostgreSQL refuses inside a transaction block can be run as written.
 */
public final class PgSession {
  private final Connection connection;

  private PgSession(Connection connection) {
    this.connection = connection;
  }

  /** Wraps {@code connection} (not taking ownership) and switches it to autocommit mode. */
  public static PgSession on(Connection connection) throws SQLException {
    Objects.requireNonNull(connection, "connection");
    if (!connection.getAutoCommit()) {
      connection.setAutoCommit(true);
    }
    return new PgSession(connection);
  }

  /** Sends one statement as written (no JDBC escape processing), discarding any result. */
  public void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setEscapeProcessing(false);
      statement.execute(sql);
    }
  }

  public void begin() throws SQLException {
    execute("BEGIN");
  }

  public void commit() throws SQLException {
    execute("COMMIT");
  }

  /** Rolls back whatever transaction is open; failures are ignored (the connection may be gone). */
  public void rollbackQuietly() {
    try {
      if (inTransaction()) {
        execute("ROLLBACK");
      }
    } catch (SQLException ignored) {
      // The original error is what the user needs to see.
    }
  }

  /** Whether a transaction block is open (or failed and awaiting rollback) on the server. */
  public boolean inTransaction() throws SQLException {
    BaseConnection base = connection.unwrap(BaseConnection.class);
    return base.getTransactionState() != TransactionState.IDLE;
  }

  /** The server's major version, e.g. 15. */
  public int serverMajorVersion() throws SQLException {
    return connection.getMetaData().getDatabaseMajorVersion();
  }

  /** The server's version number, e.g. {@code 15.10} (without a packager's suffix such as {@code (Debian …)}). */
  public String serverVersion() throws SQLException {
    String version = connection.getMetaData().getDatabaseProductVersion().strip();
    int space = version.indexOf(' ');
    return space < 0 ? version : version.substring(0, space);
  }

  /** The current value of a setting ({@code current_setting}). */
  public String setting(String name) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT current_setting(?)")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  /** Whether {@code pg_available_extensions} lists an extension of that name on this server. */
  public boolean extensionAvailable(String name) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql("available-extension"))) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  /**
   * Drops the index {@code name} of {@code table} (as written in SQL) if it exists and is invalid:
   * what a failed or cancelled {@code CREATE INDEX CONCURRENTLY} leaves behind, which would make
   * the statement fail with "already exists" when run again. PostgreSQL's documented recovery is
   * to drop it and try again. Returns whether an index was dropped.
   */
  public boolean dropInvalidIndex(String name, String table) throws SQLException {
    String qualified;
    try (PreparedStatement query = connection.prepareStatement(sql("invalid-index"))) {
      query.setString(1, name);
      query.setString(2, table);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return false;
        }
        qualified = rows.getString(1);
      }
    }
    execute("DROP INDEX CONCURRENTLY IF EXISTS " + qualified);
    return true;
  }

  private static String sql(String name) throws SQLException {
    try (InputStream in = PgSession.class.getResourceAsStream(name + ".sql")) {
      if (in == null) {
        throw new SQLException("query " + name + ".sql is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SQLException("cannot read query " + name + ".sql", e);
    }
  }
}
