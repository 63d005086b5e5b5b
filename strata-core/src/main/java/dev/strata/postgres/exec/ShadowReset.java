package dev.strata.postgres.exec;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a user-supplied shadow database is empty before use, and empties it again after,
 * so that Strata never destroys anything it did not create there.
 */
public final class ShadowReset {
  private static final String USER_SCHEMAS =
      "SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema')"
          + " AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp%'";

  private ShadowReset() {}

  /** The objects found in the database's user schemas (tables, views, sequences, types), up to 5. */
  public static List<String> userObjects(Connection connection) throws SQLException {
    String sql =
        "SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname IN (" + USER_SCHEMAS + ") AND c.relkind IN ('r','p','v','m','S','f')"
            + " UNION ALL SELECT n.nspname || '.' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE n.nspname IN (" + USER_SCHEMAS + ") AND t.typtype IN ('e','d','c') AND t.typrelid = 0"
            + " LIMIT 5";
    List<String> found = new ArrayList<>();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        found.add(rs.getString(1));
      }
    }
    return found;
  }

  /** Drops every user schema and recreates an empty {@code public}: the database as created. */
  public static void reset(Connection connection) throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(USER_SCHEMAS)) {
      while (rs.next()) {
        schemas.add(rs.getString(1));
      }
    }
    try (Statement st = connection.createStatement()) {
      for (String schema : schemas) {
        st.execute("DROP SCHEMA IF EXISTS \"" + schema.replace("\"", "\"\"") + "\" CASCADE");
      }
      st.execute("CREATE SCHEMA IF NOT EXISTS public");
    }
  }
}
