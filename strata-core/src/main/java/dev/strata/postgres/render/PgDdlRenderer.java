package dev.strata.postgres.render;

import dev.strata.dialect.DdlRenderer;
import dev.strata.dialect.LockLevel;
import dev.strata.dialect.Statement;
import dev.strata.postgres.PgIdentifiers;
import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.DefaultValue;
import dev.strata.schema.EnumType;
import dev.strata.schema.Extension;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.IndexColumn;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.Table;
import dev.strata.schema.change.Change;
import dev.strata.schema.change.Change.ColumnChange;
import dev.strata.schema.change.Change.TableChange;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders changes as PostgreSQL DDL in exactly the shapes Prisma Migrate writes (spacing,
 * quoting, clause order), and records the table lock each statement takes.
 *
 * <p>Names are qualified with their schema only when it is not the default schema (Prisma 7 leaves
 * the default schema unqualified even when multiSchema lists it). Deliberate difference: embedded
 * double quotes in identifiers and single quotes in enum values are escaped (Prisma writes them raw,
 * which produces broken SQL); for every other name the output is identical.
 */
public final class PgDdlRenderer implements DdlRenderer {
  private static final String INDENT = "    ";

  @Override
  public List<Statement> render(Change change, DatabaseSchema from, DatabaseSchema to) {
    Names names = new Names(to.defaultSchema());
    if (change instanceof Change.CreateSchema c) {
      return List.of(stmt("CREATE SCHEMA IF NOT EXISTS " + PgIdentifiers.quote(c.name()), LockLevel.NONE));
    }
    if (change instanceof Change.CreateExtension c) {
      return List.of(stmt(createExtension(c.extension()), LockLevel.NONE));
    }
    if (change instanceof Change.DropExtension c) {
      return List.of(stmt("DROP EXTENSION " + PgIdentifiers.quote(c.extension().name()), LockLevel.NONE));
    }
    if (change instanceof Change.AlterExtension c) {
      return alterExtension(c);
    }
    if (change instanceof Change.CreateEnum c) {
      return List.of(stmt(createEnum(names, c.enumType().schema(), c.enumType().name(), c.enumType().values()), LockLevel.NONE));
    }
    if (change instanceof Change.DropEnum c) {
      return List.of(stmt("DROP TYPE " + names.qualify(c.enumType().schema(), c.enumType().name()), LockLevel.NONE));
    }
    if (change instanceof Change.AlterEnum c) {
      return alterEnum(c, from, to, names);
    }
    if (change instanceof Change.CreateTable c) {
      return List.of(stmt(createTable(names, c.table()), LockLevel.NONE));
    }
    if (change instanceof Change.DropTable c) {
      return List.of(stmt("DROP TABLE " + names.qualify(c.table().schema(), c.table().name()), LockLevel.ACCESS_EXCLUSIVE));
    }
    if (change instanceof Change.ModifyTable c) {
      return modifyTable(c, from, to, names);
    }
    if (change instanceof Change.AddIndex c) {
      return List.of(stmt(createIndex(names, c.schema(), c.table(), c.index()), LockLevel.SHARE));
    }
    if (change instanceof Change.DropIndex c) {
      return List.of(dropIndex(names, c));
    }
    if (change instanceof Change.RenameIndex c) {
      return List.of(stmt(
          "ALTER INDEX " + names.qualify(c.schema(), c.from().name()) + " RENAME TO " + PgIdentifiers.quote(c.to().name()),
          LockLevel.SHARE_UPDATE_EXCLUSIVE));
    }
    if (change instanceof Change.AddForeignKey c) {
      return List.of(stmt(addForeignKey(names, c.schema(), c.table(), c.foreignKey()), LockLevel.SHARE_ROW_EXCLUSIVE));
    }
    if (change instanceof Change.DropForeignKey c) {
      return List.of(stmt(
          "ALTER TABLE " + names.qualify(c.schema(), c.table()) + " DROP CONSTRAINT " + PgIdentifiers.quote(c.foreignKey().name()),
          LockLevel.ACCESS_EXCLUSIVE));
    }
    if (change instanceof Change.RenameForeignKey c) {
      return List.of(stmt(
          "ALTER TABLE " + names.qualify(c.schema(), c.table()) + " RENAME CONSTRAINT " + PgIdentifiers.quote(c.from().name())
              + " TO " + PgIdentifiers.quote(c.to().name()),
          LockLevel.ACCESS_EXCLUSIVE));
    }
    return List.of(); // unreachable: Change is sealed and every kind is handled above
  }

  private static Statement stmt(String sql, LockLevel lock) {
    return new Statement(sql, lock);
  }

  /** Quotes an identifier. */

  /** A single-quoted string literal with quotes doubled. */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** Qualification rules for one migration. */
  record Names(String defaultSchema) {
    String qualify(String schema, String name) {
      if (schema == null || schema.isEmpty() || schema.equals(defaultSchema)) {
        return PgIdentifiers.quote(name);
      }
      return PgIdentifiers.quote(schema) + "." + PgIdentifiers.quote(name);
    }
  }

  // ---- extensions ----------------------------------------------------------------------------

  private static String createExtension(Extension e) {
    StringBuilder sb = new StringBuilder("CREATE EXTENSION IF NOT EXISTS ").append(PgIdentifiers.quote(e.name()));
    boolean schema = e.schema().filter(s -> !s.isEmpty()).isPresent();
    boolean version = e.version().filter(s -> !s.isEmpty()).isPresent();
    if (schema || version) {
      sb.append(" WITH");
    }
    if (schema) {
      sb.append(" SCHEMA ").append(PgIdentifiers.quote(e.schema().get()));
    }
    if (version) {
      sb.append(" VERSION ").append(PgIdentifiers.quote(e.version().get()));
    }
    return sb.toString();
  }

  private static List<Statement> alterExtension(Change.AlterExtension c) {
    List<Statement> out = new ArrayList<>();
    Extension a = c.from();
    Extension b = c.to();
    if (a.version().isPresent() && b.version().isPresent() && !a.version().equals(b.version())) {
      out.add(stmt("ALTER EXTENSION " + PgIdentifiers.quote(a.name()) + " UPDATE TO " + PgIdentifiers.quote(b.version().get()), LockLevel.NONE));
    }
    if (a.schema().isPresent() && b.schema().isPresent() && !a.schema().equals(b.schema())) {
      out.add(stmt("ALTER EXTENSION " + PgIdentifiers.quote(a.name()) + " SET SCHEMA " + PgIdentifiers.quote(b.schema().get()), LockLevel.NONE));
    }
    return out;
  }

  // ---- enums ---------------------------------------------------------------------------------

  private static String createEnum(Names names, String schema, String name, List<String> values) {
    return "CREATE TYPE " + names.qualify(schema, name) + " AS ENUM ("
        + values.stream().map(PgDdlRenderer::literal).collect(Collectors.joining(", ")) + ")";
  }

  private static final String MANY_VALUES_COMMENT =
      "-- This migration adds more than one value to an enum.\n"
          + "-- With PostgreSQL versions 11 and earlier, this is not possible\n"
          + "-- in a single migration. This can be worked around by creating\n"
          + "-- multiple migrations, each migration adding only one value to\n"
          + "-- the enum.\n";

  private List<Statement> alterEnum(Change.AlterEnum c, DatabaseSchema from, DatabaseSchema to, Names names) {
    EnumType previous = c.from();
    EnumType next = c.to();
    if (c.removedValues().isEmpty()) {
      List<Statement> out = new ArrayList<>();
      for (String value : c.addedValues()) {
        String sql = "ALTER TYPE " + names.qualify(previous.schema(), previous.name()) + " ADD VALUE " + literal(value);
        if (out.isEmpty() && c.addedValues().size() > 1) {
          sql = MANY_VALUES_COMMENT + "\n\n" + sql;
        }
        out.add(stmt(sql, LockLevel.NONE));
      }
      return out;
    }
    // PostgreSQL cannot remove enum values: build the new type, move the columns over, swap names.
    List<Statement> out = new ArrayList<>();
    String tmp = names.qualify(next.schema(), next.name() + "_new");
    out.add(stmt("BEGIN", LockLevel.NONE));
    out.add(stmt(createEnum(names, next.schema(), next.name() + "_new", next.values()), LockLevel.NONE));
    List<Column[]> usagesAsDefault = previousUsagesAsDefault(previous, next, from, to);
    for (Column[] usage : usagesAsDefault) {
      Table t = tableOf(from, usage[0]);
      out.add(stmt("ALTER TABLE " + names.qualify(t.schema(), t.name()) + " ALTER COLUMN " + PgIdentifiers.quote(usage[0].name()) + " DROP DEFAULT",
          LockLevel.ACCESS_EXCLUSIVE));
    }
    for (Table t : to.tables()) {
      // Only tables and columns that exist when this step runs (new ones are created later,
      // already with the new type; Prisma also lists those, producing SQL that fails).
      Optional<Table> before = from.table(t.schema(), t.name());
      if (before.isEmpty()) {
        continue;
      }
      for (Column col : t.columns()) {
        if (!usesEnum(col, next) || before.get().column(col.name()).filter(b -> usesEnum(b, previous)).isEmpty()) {
          continue;
        }
        String array = col.type().array() ? "[]" : "";
        out.add(stmt("ALTER TABLE " + names.qualify(t.schema(), t.name()) + " ALTER COLUMN " + PgIdentifiers.quote(col.name()) + " TYPE "
            + tmp + array + " USING (" + PgIdentifiers.quote(col.name()) + "::text::" + tmp + array + ")", LockLevel.ACCESS_EXCLUSIVE));
      }
    }
    String oldName = previous.name() + "_old";
    out.add(stmt("ALTER TYPE " + names.qualify(previous.schema(), previous.name()) + " RENAME TO " + PgIdentifiers.quote(oldName), LockLevel.NONE));
    out.add(stmt("ALTER TYPE " + tmp + " RENAME TO " + PgIdentifiers.quote(next.name()), LockLevel.NONE));
    out.add(stmt("DROP TYPE " + names.qualify(previous.schema(), oldName), LockLevel.NONE));
    for (Column[] usage : usagesAsDefault) {
      if (usage[1] == null || usage[1].defaultValue().isEmpty()) {
        continue;
      }
      Table t = tableOf(from, usage[0]);
      out.add(stmt("ALTER TABLE " + names.qualify(t.schema(), t.name()) + " ALTER COLUMN " + PgIdentifiers.quote(usage[0].name())
          + " SET DEFAULT " + renderDefault(usage[1].defaultValue().get(), columnType(names, usage[1])), LockLevel.ACCESS_EXCLUSIVE));
    }
    out.add(stmt("COMMIT", LockLevel.NONE));
    return out;
  }

  private static boolean usesEnum(Column column, EnumType e) {
    return column.type().kind() == ColumnType.Kind.ENUM && column.type().name().equals(e.name())
        && column.type().enumSchema().orElse(e.schema()).equals(e.schema());
  }

  private static Table tableOf(DatabaseSchema schema, Column column) {
    for (Table t : schema.tables()) {
      for (Column c : t.columns()) {
        if (c == column) {
          return t;
        }
      }
    }
    // Unreachable: the columns come from the schema's own tables.
    return new Table(schema.defaultSchema(), "", List.of(), Optional.empty(), List.of(), List.of(), List.of(), Optional.empty());
  }

  /**
   * Columns of the old enum that have a default (they must drop it while the type is swapped),
   * paired with the new column when it keeps an enum default; in Prisma's order: dropped tables,
   * then per remaining table its dropped columns and its kept columns, each by name.
   */
  private static List<Column[]> previousUsagesAsDefault(EnumType previous, EnumType next, DatabaseSchema from, DatabaseSchema to) {
    List<Column[]> out = new ArrayList<>();
    for (Table t : from.tables()) {
      if (to.table(t.schema(), t.name()).isEmpty()) {
        for (Column c : t.columns()) {
          if (usesEnum(c, previous) && c.defaultValue().isPresent()) {
            out.add(new Column[] {c, null});
          }
        }
      }
    }
    for (Table t : from.tables()) {
      Optional<Table> nextTable = to.table(t.schema(), t.name());
      if (nextTable.isEmpty()) {
        continue;
      }
      TreeMap<String, Column> sorted = new TreeMap<>();
      t.columns().forEach(c -> sorted.put(c.name(), c));
      for (Column c : sorted.values()) {
        if (nextTable.get().column(c.name()).isEmpty() && usesEnum(c, previous) && c.defaultValue().isPresent()) {
          out.add(new Column[] {c, null});
        }
      }
      for (Column c : sorted.values()) {
        Optional<Column> n = nextTable.get().column(c.name());
        if (n.isPresent() && usesEnum(c, previous) && c.defaultValue().isPresent()) {
          Column keep = usesEnum(n.get(), next) && n.get().defaultValue().isPresent() ? n.get() : null;
          out.add(new Column[] {c, keep});
        }
      }
    }
    return out;
  }

  // ---- tables --------------------------------------------------------------------------------

  private static String createTable(Names names, Table table) {
    String columns = table.columns().stream().map(c -> renderColumn(names, c)).collect(Collectors.joining(",\n"));
    String pk = "";
    if (table.primaryKey().isPresent()) {
      PrimaryKey key = table.primaryKey().get();
      pk = ",\n\n" + INDENT + "CONSTRAINT " + PgIdentifiers.quote(key.name()) + " PRIMARY KEY ("
          + key.columns().stream().map(PgIdentifiers::quote).collect(Collectors.joining(",")) + ")";
    }
    return "CREATE TABLE " + names.qualify(table.schema(), table.name()) + " (\n" + columns + pk + "\n)";
  }

  static String renderColumn(Names names, Column column) {
    String type = columnType(names, column);
    String nullability = !column.type().array() && !column.nullable() ? " NOT NULL" : "";
    String def = column.defaultValue().map(d -> renderDefault(d, type)).filter(s -> !s.isEmpty()).map(s -> " DEFAULT " + s).orElse("");
    return INDENT + PgIdentifiers.quote(column.name()) + " " + type + nullability + def;
  }

  /** The column's type as Prisma renders it ({@code SERIAL} for autoincrement integers). */
  static String columnType(Names names, Column column) {
    ColumnType t = column.type();
    String base = switch (t.kind()) {
      case ENUM -> names.qualify(t.enumSchema().orElse(names.defaultSchema()), t.name());
      case UNSUPPORTED -> t.name();
      case BUILTIN -> builtin(t, column.autoincrement());
    };
    return t.array() ? base + "[]" : base;
  }

  private static String builtin(ColumnType t, boolean autoincrement) {
    String name = t.name().toUpperCase(Locale.ROOT);
    if (autoincrement) {
      switch (name) {
        case "INTEGER":
          return "SERIAL";
        case "SMALLINT":
          return "SMALLSERIAL";
        case "BIGINT":
          return "BIGSERIAL";
        default:
          break;
      }
    }
    if (t.args().isEmpty()) {
      return name;
    }
    return name + "(" + t.args().stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
  }

  static String renderDefault(DefaultValue value, String fullType) {
    if (value instanceof DefaultValue.Now) {
      return "CURRENT_TIMESTAMP";
    }
    if (value instanceof DefaultValue.Expression e) {
      return e.sql();
    }
    if (value instanceof DefaultValue.Literal l) {
      return renderLiteral(l);
    }
    if (value instanceof DefaultValue.ListLiteral l) {
      return "ARRAY[" + l.values().stream().map(PgDdlRenderer::renderLiteral).collect(Collectors.joining(", ")) + "]::" + fullType;
    }
    return ""; // nextval(...): the column is SERIAL
  }

  private static String renderLiteral(DefaultValue.Literal l) {
    return switch (l.kind()) {
      case STRING, ENUM_VALUE, JSON, DATETIME -> literal(l.value());
      case NUMBER, BOOLEAN -> l.value();
      case BYTES -> "'\\x" + hex(l.value()) + "'";
    };
  }

  /** Bytes defaults are written base64 in Prisma schemas; introspection may already give hex. */
  private static String hex(String value) {
    if (value.startsWith("\\x")) {
      return value.substring(2);
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(value);
      StringBuilder sb = new StringBuilder();
      for (byte b : bytes) {
        sb.append(String.format("%02x", b));
      }
      return sb.toString();
    } catch (IllegalArgumentException e) {
      return value;
    }
  }

  private List<Statement> modifyTable(Change.ModifyTable c, DatabaseSchema from, DatabaseSchema to, Names names) {
    String table = names.qualify(c.schema(), c.table());
    List<String> clauses = new ArrayList<>();
    List<Statement> before = new ArrayList<>();
    List<Statement> after = new ArrayList<>();
    for (TableChange change : c.changes()) {
      if (change instanceof Change.DropPrimaryKey d) {
        clauses.add("DROP CONSTRAINT " + PgIdentifiers.quote(d.primaryKey().name()));
      } else if (change instanceof Change.RenamePrimaryKey r) {
        clauses.add("RENAME CONSTRAINT " + PgIdentifiers.quote(r.from().name()) + " TO " + PgIdentifiers.quote(r.to().name()));
      } else if (change instanceof Change.AddPrimaryKey a) {
        clauses.add("ADD CONSTRAINT " + PgIdentifiers.quote(a.primaryKey().name()) + " PRIMARY KEY ("
            + a.primaryKey().columns().stream().map(PgIdentifiers::quote).collect(Collectors.joining(", ")) + ")");
      } else if (change instanceof Change.AddColumn a) {
        clauses.add("ADD COLUMN " + renderColumn(names, a.column()));
      } else if (change instanceof Change.DropColumn d) {
        clauses.add("DROP COLUMN " + PgIdentifiers.quote(d.column().name()));
      } else if (change instanceof Change.RecreateColumn r) {
        clauses.add("DROP COLUMN " + PgIdentifiers.quote(r.from().name()));
        clauses.add("ADD COLUMN " + renderColumn(names, r.to()));
      } else if (change instanceof Change.AlterColumn a) {
        alterColumn(a, c, to, names, table, clauses, before, after);
      }
    }
    if (clauses.isEmpty()) {
      return List.of();
    }
    List<Statement> out = new ArrayList<>(before);
    out.add(stmt("ALTER TABLE " + table + " " + String.join(",\n", clauses), LockLevel.ACCESS_EXCLUSIVE));
    out.addAll(after);
    return out;
  }

  private void alterColumn(Change.AlterColumn a, Change.ModifyTable c, DatabaseSchema to, Names names, String table,
      List<String> clauses, List<Statement> before, List<Statement> after) {
    Column prev = a.from();
    Column next = a.to();
    String prefix = "ALTER COLUMN " + PgIdentifiers.quote(prev.name());
    boolean setType = false;
    Set<ColumnChange> changes = a.changes();
    if (changes.contains(ColumnChange.NULLABILITY)) {
      boolean prevList = prev.type().array();
      boolean nextList = next.type().array();
      if (prevList || nextList) {
        setType = true;
      }
      if (!nextList) {
        if (next.nullable() && (prevList || !prev.nullable())) {
          clauses.add(prefix + " DROP NOT NULL");
        } else if (!next.nullable()) {
          clauses.add(prefix + " SET NOT NULL");
        }
      }
    }
    if (changes.contains(ColumnChange.DEFAULT)) {
      if (next.defaultValue().isPresent()) {
        clauses.add(prefix + " SET DEFAULT " + renderDefault(next.defaultValue().get(), columnType(names, next)));
      } else {
        dropDefault(prev, c, to, prefix, clauses, after);
      }
    }
    if (changes.contains(ColumnChange.TYPE)) {
      setType = true;
    }
    if (changes.contains(ColumnChange.AUTOINCREMENT)) {
      if (prev.autoincrement()) {
        dropDefault(prev, c, to, prefix, clauses, after);
      } else {
        // The sequence a SERIAL column would have had, named as PostgreSQL names it.
        String namespace = names.qualify(c.schema(), "x").equals(PgIdentifiers.quote("x")) ? "" : PgIdentifiers.quote(c.schema()) + ".";
        String sequence = (namespace + c.table() + "_" + next.name() + "_seq").toLowerCase(Locale.ROOT);
        before.add(stmt("CREATE SEQUENCE " + sequence, LockLevel.NONE));
        clauses.add(prefix + " SET DEFAULT nextval(" + literal(sequence) + ")");
        after.add(stmt("ALTER SEQUENCE " + sequence + " OWNED BY " + table + "." + PgIdentifiers.quote(next.name()), LockLevel.NONE));
      }
    }
    if (setType) {
      clauses.add(prefix + " SET DATA TYPE " + columnType(names, next));
    }
  }

  private static void dropDefault(Column prev, Change.ModifyTable c, DatabaseSchema to, String prefix, List<String> clauses,
      List<Statement> after) {
    clauses.add(prefix + " DROP DEFAULT");
    if (prev.defaultValue().orElse(null) instanceof DefaultValue.NextVal nv) {
      boolean stillUsed = to.tables().stream()
          .flatMap(t -> t.columns().stream()
              .filter(col -> !(t.schema().equals(c.schema()) && t.name().equals(c.table()) && col.name().equals(prev.name()))))
          .anyMatch(col -> col.defaultValue().orElse(null) instanceof DefaultValue.NextVal other
              && other.sequenceName().equals(nv.sequenceName()));
      if (!stillUsed) {
        after.add(stmt("DROP SEQUENCE " + PgIdentifiers.quote(nv.sequenceName()), LockLevel.NONE));
      }
    }
  }

  // ---- indexes and foreign keys --------------------------------------------------------------

  static String createIndex(Names names, String schema, String table, Index index) {
    StringBuilder sb = new StringBuilder("CREATE ");
    if (index.unique()) {
      sb.append("UNIQUE ");
    }
    sb.append("INDEX ").append(PgIdentifiers.quote(index.name())).append(" ON ").append(names.qualify(schema, table));
    String method = index.method().toUpperCase(Locale.ROOT);
    if (method.isEmpty() || method.equals("BTREE")) {
      sb.append("(");
    } else {
      sb.append(" USING ").append(method.equals("SPGIST") ? "SPGIST" : method).append(" (");
    }
    List<String> keys = new ArrayList<>();
    for (IndexColumn col : index.columns()) {
      StringBuilder key = new StringBuilder(col.expression() ? col.name() : PgIdentifiers.quote(col.name()));
      col.operatorClass().ifPresent(op -> key.append(' ').append(op));
      col.sort().ifPresent(s -> key.append(' ').append(s.name()));
      keys.add(key.toString());
    }
    sb.append(String.join(", ", keys)).append(")");
    index.predicate().ifPresent(p -> sb.append(" WHERE ").append(p));
    return sb.toString();
  }

  private static Statement dropIndex(Names names, Change.DropIndex c) {
    if (c.index().constraint()) {
      // A UNIQUE constraint owns its index: the constraint must be dropped instead.
      return stmt("ALTER TABLE " + names.qualify(c.schema(), c.table()) + " DROP CONSTRAINT " + PgIdentifiers.quote(c.index().name()),
          LockLevel.ACCESS_EXCLUSIVE);
    }
    return stmt("DROP INDEX " + names.qualify(c.schema(), c.index().name()), LockLevel.ACCESS_EXCLUSIVE);
  }

  static String addForeignKey(Names names, String schema, String table, ForeignKey fk) {
    return "ALTER TABLE " + names.qualify(schema, table) + " ADD CONSTRAINT " + PgIdentifiers.quote(fk.name()) + " FOREIGN KEY ("
        + fk.columns().stream().map(PgIdentifiers::quote).collect(Collectors.joining(", ")) + ") REFERENCES "
        + names.qualify(fk.referencedSchema(), fk.referencedTable()) + "("
        + fk.referencedColumns().stream().map(PgIdentifiers::quote).collect(Collectors.joining(", ")) + ") ON DELETE "
        + fk.onDelete().sql() + " ON UPDATE " + fk.onUpdate().sql();
  }
}
