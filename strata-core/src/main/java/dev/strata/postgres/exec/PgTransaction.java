package dev.strata.postgres.exec;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Statements run as one transaction on a connection that is otherwise in auto-commit mode. */
public final class PgTransaction {
  /** The work of the transaction, on one statement object. */
  @FunctionalInterface
  public interface Work {
    void run(Statement statement) throws SQLException;
  }

  private PgTransaction() {}

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws
   * (the error is thrown on). The connection's auto-commit mode is restored either way.
   */
  public static void run(Connection connection, Work work) throws SQLException {
    boolean auto = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      work.run(statement);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(auto);
    }
  }
}
