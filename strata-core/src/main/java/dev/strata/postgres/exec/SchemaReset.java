package dev.strata.postgres.exec;

import dev.strata.TableRows;
import dev.strata.postgres.PgIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Prisma's reset of a database: what it would drop, and its schemas dropped with everything in
 * them and created again empty.
 */
public final class SchemaReset {
  private SchemaReset() {}

  /**
   * The tables of {@code schemas} with their exact row counts ({@code count(*)}), by schema and
   * name; partitions (counted with their parent) and tables of extensions are left out.
   */
  public static List<TableRows> contents(Connection connection, List<String> schemas) throws SQLException {
    List<String[]> tables = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (?) AND NOT c.relispartition"
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid"
            + " AND d.deptype = 'e')"
            + " ORDER BY n.nspname, c.relname")) {
      query.setArray(1, connection.createArrayOf("text", schemas.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          tables.add(new String[] {rows.getString(1), rows.getString(2)});
        }
      }
    }
    List<TableRows> out = new ArrayList<>();
    for (String[] t : tables) {
      try (Statement count = connection.createStatement();
          ResultSet rows = count.executeQuery("SELECT count(*) FROM " + PgIdentifiers.quote(t[0]) + "." + PgIdentifiers.quote(t[1]))) {
        out.add(new TableRows(t[0], t[1], rows.next() ? rows.getLong(1) : 0));
      }
    }
    return List.copyOf(out);
  }

  /**
   * In one transaction: {@code DROP SCHEMA … CASCADE; CREATE SCHEMA …} for each of {@code
   * schemas}, then each of {@code thenRun}. On failure it is all rolled back and the error thrown.
   * The connection's auto-commit mode is restored either way.
   */
  public static void recreate(Connection connection, List<String> schemas, List<String> thenRun) throws SQLException {
    PgTransaction.run(connection, statement -> {
      for (String schema : schemas) {
        statement.execute("DROP SCHEMA IF EXISTS " + PgIdentifiers.quote(schema) + " CASCADE");
        statement.execute("CREATE SCHEMA " + PgIdentifiers.quote(schema));
      }
      for (String sql : thenRun) {
        statement.execute(sql);
      }
    });
  }

}
