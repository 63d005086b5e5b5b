package dev.strata.migrate.dev;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Prisma's reset of a development database: every schema the project uses is dropped with all it
 * holds and created again empty, and the history table goes with it. Before that, {@link #contents}
 * says what will be lost (tables with their row counts), so that nothing is dropped unannounced.
 */
public final class DatabaseReset {
  private DatabaseReset() {}

  /** A table that a reset drops, with its exact row count. */
  public record TableRows(String schema, String table, long rows) {
    /** {@code "User" (3 rows)} as shown to the user. */
    public String describe(String defaultSchema) {
      String name = schema.equals(defaultSchema) ? table : schema + "." + table;
      return name + " (" + rows + (rows == 1 ? " row)" : " rows)");
    }
  }

  /** The tables of {@code schemas} (the history table included), in name order, with their row counts. */
  public static List<TableRows> contents(Connection connection, List<String> schemas) {
    List<TableRows> out = new ArrayList<>();
    try {
      List<String[]> tables = new ArrayList<>();
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (?) AND NOT c.relispartition"
              + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')"
              + " ORDER BY n.nspname, c.relname")) {
        query.setArray(1, connection.createArrayOf("text", schemas.toArray()));
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            tables.add(new String[] {rows.getString(1), rows.getString(2)});
          }
        }
      }
      for (String[] t : tables) {
        try (Statement count = connection.createStatement();
            ResultSet rs = count.executeQuery("SELECT count(*) FROM " + quote(t[0]) + "." + quote(t[1]))) {
          rs.next();
          out.add(new TableRows(t[0], t[1], rs.getLong(1)));
        }
      }
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Could not list what the reset would drop: " + DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
    }
    return List.copyOf(out);
  }

  /**
   * Drops and recreates every schema in {@code schemas}, then drops the history table of {@code
   * historySchema} if it survived (it lives elsewhere), in one transaction.
   */
  public static void reset(Connection connection, List<String> schemas, String historySchema) {
    try {
      boolean auto = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        for (String schema : schemas) {
          statement.execute("DROP SCHEMA IF EXISTS " + quote(schema) + " CASCADE");
          statement.execute("CREATE SCHEMA " + quote(schema));
        }
        statement.execute("DROP TABLE IF EXISTS " + quote(historySchema) + "._prisma_migrations");
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "The reset failed (nothing was dropped): " + DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
