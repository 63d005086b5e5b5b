package dev.strata.postgres.data;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.postgres.data.PgDataSql.Param;
import dev.strata.postgres.data.PgDataSql.Sql;
import dev.strata.postgres.exec.PgError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs the data browser's statements: reads, and changes each in its own transaction. */
public final class PgData {
  private PgData() {}

  /** A change's outcome: the rows it touched and those it returned. */
  public record Changed(int count, List<List<Optional<String>>> returned) {
    public Changed {
      returned = List.copyOf(returned);
    }
  }

  /** The rows of a query, each column's text (empty for NULL). */
  public static List<List<Optional<String>>> query(Connection connection, Sql sql) {
    try (PreparedStatement statement = prepare(connection, sql); ResultSet rs = statement.executeQuery()) {
      return rows(rs);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Runs {@code sql} in a transaction of its own and commits it only when it touched exactly one
   * row (when {@code exactlyOne}); otherwise, or on any error, nothing is changed.
   *
   * @throws StrataException ({@code DATABASE}) with PostgreSQL's message and SQLSTATE on an error;
   *     ({@code INVALID_INPUT}) when the row is gone
   */
  public static Changed change(Connection connection, Sql sql, boolean exactlyOne) {
    try {
      connection.setAutoCommit(false);
      try (PreparedStatement statement = prepare(connection, sql)) {
        boolean hasRows = statement.execute();
        List<List<Optional<String>>> returned = List.of();
        int count;
        if (hasRows) {
          try (ResultSet rs = statement.getResultSet()) {
            returned = rows(rs);
          }
          count = returned.size();
        } else {
          count = statement.getUpdateCount();
        }
        if (exactlyOne && count != 1) {
          connection.rollback();
          throw new StrataException(ErrorCode.INVALID_INPUT, count == 0
              ? "No row has that key any more (deleted or changed since it was shown); nothing was changed."
              : "The key matched " + count + " rows; nothing was changed.");
        }
        connection.commit();
        return new Changed(count, returned);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection);
        throw e;
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** A table's planner row estimate (-1 when never analysed) and its size on disk, indexes and TOAST included. */
  public record TableSize(long estimatedRows, long bytes) {}

  /** The planner's row estimate of each table ({@code schema.table} → rows; -1 when never analysed). */
  public static Map<String, Long> estimatedRows(Connection connection, List<String> schemas) {
    Map<String, Long> out = new HashMap<>();
    tableSizes(connection, schemas).forEach((table, size) -> out.put(table, size.estimatedRows()));
    return out;
  }

  /** Each table's {@link TableSize} ({@code schema.table} → size). */
  public static Map<String, TableSize> tableSizes(Connection connection, List<String> schemas) {
    try (PreparedStatement statement = connection.prepareStatement(resource("estimated-rows.sql"))) {
      statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
      Map<String, TableSize> out = new HashMap<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1) + "." + rs.getString(2), new TableSize(rs.getLong(3), rs.getLong(4)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** The exact number of rows, counting at most {@code cap} of them. */
  public static long countUpTo(Connection connection, String schema, String table, long cap) {
    String sql = "SELECT count(*) FROM (SELECT 1 FROM " + dev.strata.postgres.PgIdentifiers.quote(schema) + "."
        + dev.strata.postgres.PgIdentifiers.quote(table) + " LIMIT " + cap + ") AS capped";
    try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private static PreparedStatement prepare(Connection connection, Sql sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql.jdbc());
    try {
      for (int i = 0; i < sql.params().size(); i++) {
        Param p = sql.params().get(i);
        switch (p.binding()) {
          case TEXT -> statement.setString(i + 1, p.value().orElse(null));
          case UNTYPED -> {
            if (p.value().isPresent()) {
              statement.setObject(i + 1, p.value().get(), Types.OTHER);
            } else {
              statement.setNull(i + 1, Types.OTHER);
            }
          }
          case TEXT_ARRAY -> {
            Array array = connection.createArrayOf("text", p.elements().toArray());
            statement.setArray(i + 1, array);
          }
        }
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private static List<List<Optional<String>>> rows(ResultSet rs) throws SQLException {
    int columns = rs.getMetaData().getColumnCount();
    List<List<Optional<String>>> out = new ArrayList<>();
    while (rs.next()) {
      List<Optional<String>> row = new ArrayList<>(columns);
      for (int c = 1; c <= columns; c++) {
        row.add(Optional.ofNullable(rs.getString(c)));
      }
      out.add(row);
    }
    return out;
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The transaction is gone with the error; the connection is closed by the caller.
    }
  }

  private static StrataException failure(SQLException e) {
    PgError error = PgError.of(e);
    return new StrataException(ErrorCode.DATABASE, error.describe(),
        StrataException.Details.none().withSqlState(error.sqlState()), e);
  }

  private static String resource(String name) {
    try (InputStream in = PgData.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new StrataException(ErrorCode.INTERNAL, "query " + name + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StrataException(ErrorCode.INTERNAL, "cannot read query " + name + ": " + e.getMessage(), e);
    }
  }
}
