package dev.strata.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fresh database for one test class, handed out by {@link PostgresExtension}: its URLs, new
 * connections, and small helpers for running SQL in tests.
 *
 * <p>The helpers ({@link #execute}, {@link #update}, {@link #query}, …) share one session, so
 * session settings such as {@code SET search_path} carry over between calls; they throw
 * {@link EmbeddedPostgresException} with the SQL and PostgreSQL's message on failure.
 */
public final class TestDatabase implements ServerDatabase {
  /** Turns the current row of a result set into a value; must not return null. */
  @FunctionalInterface
  public interface RowMapper<T> {
    /** Maps the row the result set is positioned on. */
    T map(ResultSet row) throws SQLException;
  }

  private final PostgresServer server;
  private final String name;
  private Connection session;

  TestDatabase(PostgresServer server, String name) {
    this.server = server;
    this.name = name;
  }

  /** The database's name, unique across parallel test classes and JVMs. */
  @Override
  public String name() {
    return name;
  }

  /** The server the database lives on (the shared embedded server unless the test chose another). */
  @Override
  public PostgresServer server() {
    return server;
  }

  /** Opens a new connection (auto-commit on); the caller closes it. */
  public Connection connection() {
    return server.connect(name);
  }

  /** Runs SQL text, which may hold several statements separated by semicolons (no parameters). */
  public synchronized void execute(String sql) {
    try (Statement statement = session().createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw failure(sql, e);
    }
  }

  /** Runs one statement with {@code ?} parameters and returns the number of rows it changed. */
  public synchronized int update(String sql, Object... params) {
    try (PreparedStatement statement = prepare(sql, params)) {
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw failure(sql, e);
    }
  }

  /** Runs a query with {@code ?} parameters and maps every row, in order. */
  public synchronized <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    Objects.requireNonNull(mapper, "mapper");
    try (PreparedStatement statement = prepare(sql, params);
        ResultSet rows = statement.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rows.next()) {
        result.add(Objects.requireNonNull(mapper.map(rows), "RowMapper returned null"));
      }
      return List.copyOf(result);
    } catch (SQLException e) {
      throw failure(sql, e);
    }
  }

  /**
   * The first column of every row as text, in order; SQL NULL becomes the string {@code "NULL"}
   * (use {@link #query} when that is ambiguous).
   */
  public List<String> queryColumn(String sql, Object... params) {
    return query(sql, row -> Optional.ofNullable(row.getString(1)).orElse("NULL"), params);
  }

  /** The first column of the first row as text; empty when there is no row or the value is NULL. */
  public synchronized Optional<String> queryValue(String sql, Object... params) {
    try (PreparedStatement statement = prepare(sql, params);
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
    } catch (SQLException e) {
      throw failure(sql, e);
    }
  }

  @Override
  public String toString() {
    return "test database " + name + " on " + server;
  }

  /** Closes the helper session; the extension then drops the database. */
  synchronized void closeSession() {
    if (session != null) {
      try {
        session.close();
      } catch (SQLException e) {
        // The database is dropped WITH (FORCE) next, which ends the session anyway.
      }
      session = null;
    }
  }

  private PreparedStatement prepare(String sql, Object... params) throws SQLException {
    PreparedStatement statement = session().prepareStatement(sql);
    try {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private Connection session() throws SQLException {
    if (session == null || session.isClosed()) {
      session = connection();
    }
    return session;
  }

  private EmbeddedPostgresException failure(String sql, SQLException e) {
    return new EmbeddedPostgresException("SQL failed in " + name + ": " + e.getMessage() + "\n  SQL: " + sql, e);
  }
}
