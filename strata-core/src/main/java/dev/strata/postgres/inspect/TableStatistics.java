package dev.strata.postgres.inspect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Table sizes from the planner's statistics: estimated rows ({@code pg_class.reltuples}, -1 when
 * the table was never analyzed) and bytes with indexes and TOAST ({@code pg_total_relation_size}).
 * Reads catalogs only: cheap, and takes no lock that would disturb the application.
 */
public final class TableStatistics {
  private static final String QUERY = """
      SELECT n.nspname, c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'm')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
      """;

  /** One table's size. */
  public record Size(long rows, long bytes) {}

  private TableStatistics() {}

  /**
   * Every table's size, keyed by its name when it lives in {@code schema} (the migrations' own
   * schema) and by {@code schema.name} otherwise.
   */
  public static Map<String, Size> read(Connection connection, String schema) throws SQLException {
    Map<String, Size> sizes = new HashMap<>();
    try (PreparedStatement st = connection.prepareStatement(QUERY); ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        String nsp = rs.getString(1);
        String key = nsp.equals(schema) ? rs.getString(2) : nsp + "." + rs.getString(2);
        sizes.put(key, new Size(rs.getLong(3), rs.getLong(4)));
      }
    }
    return sizes;
  }
}
