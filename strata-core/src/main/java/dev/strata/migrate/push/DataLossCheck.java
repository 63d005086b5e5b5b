package dev.strata.migrate.push;

import dev.strata.compare.Comparison;
import dev.strata.dialect.TypeMapper;
import dev.strata.postgres.PgIdentifiers;
import dev.strata.postgres.render.PgDialect;
import dev.strata.schema.Column;
import dev.strata.schema.change.Change;
import dev.strata.schema.change.Change.ColumnChange;
import dev.strata.schema.change.Change.TableChange;
import dev.strata.schema.change.Change.TypeChange;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prisma's destructive change checker for {@code db push}: each risky change is checked against
 * the rows in the database, so that dropping an empty table is silent while dropping one with rows
 * is a warning, and adding a required column is unexecutable only when the table has rows. The
 * wording follows Prisma's ("…which is not empty (3 rows).").
 */
public final class DataLossCheck {
  private static final TypeMapper TYPES = new PgDialect().typeMapper();

  private final Connection connection;
  private final Map<String, Long> rowCounts = new HashMap<>();

  private DataLossCheck(Connection connection) {
    this.connection = connection;
  }

  /** Weighs the changes of {@code comparison} against the data reachable through {@code connection}. */
  public static DataLoss evaluate(Connection connection, Comparison comparison) throws SQLException {
    return new DataLossCheck(connection).check(comparison.changes());
  }

  private DataLoss check(List<Change> changes) throws SQLException {
    List<String> warnings = new ArrayList<>();
    List<String> unexecutable = new ArrayList<>();
    for (Change change : changes) {
      if (change instanceof Change.DropTable d) {
        long rows = rows(d.table().schema(), d.table().name());
        if (rows > 0) {
          warnings.add("You are about to drop the `" + d.table().name() + "` table, which is not empty (" + rows + " rows).");
        }
      } else if (change instanceof Change.AddIndex a && a.index().unique() && exists(a.schema(), a.table())) {
        if (rows(a.schema(), a.table()) > 0) {
          warnings.add("A unique constraint covering the columns `[" + String.join(",", a.index().columnNames())
              + "]` on the table `" + a.table() + "` will be added. If there are existing duplicate values, this will fail.");
        }
      } else if (change instanceof Change.AlterEnum e && !e.removedValues().isEmpty()) {
        // Prisma does not look up which rows use the values: the warning is unconditional.
        warnings.add("The values [" + String.join(",", e.removedValues()) + "] on the enum `" + e.to().name()
            + "` will be removed. If these variants are still used in the database, this will fail.");
      } else if (change instanceof Change.ModifyTable m) {
        for (TableChange tc : m.changes()) {
          checkTableChange(m.schema(), m.table(), tc, warnings, unexecutable);
        }
      }
    }
    return new DataLoss(warnings, unexecutable);
  }

  private void checkTableChange(String schema, String table, TableChange tc, List<String> warnings, List<String> unexecutable)
      throws SQLException {
    if (tc instanceof Change.DropColumn d) {
      long values = nonNull(schema, table, d.column().name());
      if (values > 0) {
        warnings.add("You are about to drop the column `" + d.column().name() + "` on the `" + table
            + "` table, which still contains " + values + " non-null values.");
      }
    } else if (tc instanceof Change.DropPrimaryKey) {
      if (rows(schema, table) > 0) {
        warnings.add("The primary key for the `" + table
            + "` table will be changed. If it partially fails, the table could be left without primary key constraint.");
      }
    } else if (tc instanceof Change.AddColumn a) {
      Column c = a.column();
      if (required(c) && c.defaultValue().isEmpty() && !c.autoincrement() && c.generated().isEmpty() && c.identity().isEmpty()) {
        long rows = rows(schema, table);
        if (rows > 0) {
          unexecutable.add("Added the required column `" + c.name() + "` to the `" + table
              + "` table without a default value. There are " + rows + " rows in this table, it is not possible to execute this step.");
        }
      }
    } else if (tc instanceof Change.AlterColumn a) {
      boolean arity = a.changes().contains(ColumnChange.NULLABILITY);
      if (arity && a.from().nullable() && !a.from().type().array() && required(a.to())) {
        long nulls = rows(schema, table) - nonNull(schema, table, a.from().name());
        if (nulls > 0) {
          unexecutable.add("Made the column `" + a.from().name() + "` on table `" + table
              + "` required, but there are " + nulls + " existing NULL values.");
        }
      }
      if (arity && !a.from().type().array() && a.to().type().array()) {
        long values = nonNull(schema, table, a.from().name());
        if (values > 0) {
          unexecutable.add("Changed the column `" + a.from().name() + "` on the `" + table
              + "` table from a scalar field to a list field. There are " + values
              + " existing non-null values in that column, this step cannot be executed.");
        }
      }
      if (a.typeChange().orElse(null) == TypeChange.RISKY_CAST) {
        long values = nonNull(schema, table, a.from().name());
        if (values > 0) {
          warnings.add("You are about to alter the column `" + a.from().name() + "` on the `" + table
              + "` table, which contains " + values + " non-null values. The data in that column will be cast from `"
              + TYPES.displayType(a.from()) + "` to `" + TYPES.displayType(a.to()) + "`.");
        }
      }
    } else if (tc instanceof Change.RecreateColumn r) {
      long values = nonNull(schema, table, r.from().name());
      if (values == 0) {
        return;
      }
      if (required(r.to()) && r.to().defaultValue().isEmpty()) {
        unexecutable.add("Changed the type of `" + r.from().name() + "` on the `" + table
            + "` table. No cast exists, the column would be dropped and recreated, which cannot be done since the column is required and there is data in the table.");
      } else {
        warnings.add("The `" + r.from().name() + "` column on the `" + table
            + "` table would be dropped and recreated. This will lead to data loss.");
      }
    }
  }

  private static boolean required(Column c) {
    return !c.type().array() && !c.nullable();
  }

  private boolean exists(String schema, String table) throws SQLException {
    try (var st = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      st.setString(1, PgIdentifiers.quote(schema) + "." + PgIdentifiers.quote(table));
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private long rows(String schema, String table) throws SQLException {
    String key = schema + "\u0000" + table;
    Long cached = rowCounts.get(key);
    if (cached != null) {
      return cached;
    }
    long count = count("SELECT count(*) FROM " + PgIdentifiers.quote(schema) + "." + PgIdentifiers.quote(table));
    rowCounts.put(key, count);
    return count;
  }

  private long nonNull(String schema, String table, String column) throws SQLException {
    return count("SELECT count(" + PgIdentifiers.quote(column) + ") FROM " + PgIdentifiers.quote(schema) + "." + PgIdentifiers.quote(table));
  }

  private long count(String sql) throws SQLException {
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

}
