package dev.strata.diff;

import dev.strata.schema.Column;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.IndexColumn;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.Sequence;
import dev.strata.schema.Table;
import dev.strata.schema.change.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds drops and adds that may be renames, and rewrites a source schema as if the renames the
 * user confirmed had already happened.
 *
 * <p>The differ matches tables and columns by name only, so a rename is a drop plus an add (as in
 * Prisma, whose output stays the default). A dropped and an added column of the same type and
 * nullability in the same table, or a dropped and an added table with the same columns, are
 * offered as candidates. Applying a rename to the source schema ({@link #applyTo}) and diffing
 * again leaves only what the rename does not cover (index and key names, defaults), so the
 * migration is the rename statements followed by that smaller diff.
 */
public final class RenameDetector {
  private RenameDetector() {}

  /** A confirmed or candidate rename. */
  public sealed interface Rename permits ColumnRename, TableRename {
    /** The namespace of the table. */
    String schema();

    /** As the user writes it with {@code --rename}. */
    String spec();

    /** The interactive question. */
    String question();
  }

  /** A column of {@code table} (named as after any table rename) renamed {@code from → to}. */
  public record ColumnRename(String schema, String table, String from, String to) implements Rename {
    public ColumnRename {
      Objects.requireNonNull(schema, "schema");
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    @Override
    public String spec() {
      return table + "." + from + "=" + to;
    }

    @Override
    public String question() {
      return "Did you rename the column `" + from + "` of the `" + table + "` table to `" + to + "`?";
    }
  }

  /** A table renamed {@code from → to}. */
  public record TableRename(String schema, String from, String to) implements Rename {
    public TableRename {
      Objects.requireNonNull(schema, "schema");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    @Override
    public String spec() {
      return from + "=" + to;
    }

    @Override
    public String question() {
      return "Did you rename the table `" + from + "` to `" + to + "`?";
    }
  }

  /** A {@code --rename} argument as the user wrote it: {@code Table.old=new} or {@code OldTable=NewTable}. */
  public record RenameSpec(Optional<String> table, String from, String to) {
    /** Parses {@code Table.old=new} / {@code Old=New}; empty when the text has neither shape. */
    public static Optional<RenameSpec> parse(String text) {
      if (text == null) {
        return Optional.empty();
      }
      int eq = text.indexOf('=');
      if (eq <= 0 || eq == text.length() - 1 || text.indexOf('=', eq + 1) >= 0) {
        return Optional.empty();
      }
      String left = text.substring(0, eq).trim();
      String right = text.substring(eq + 1).trim();
      int dot = left.lastIndexOf('.');
      if (left.isEmpty() || right.isEmpty() || right.contains(".") && dot < 0) {
        return Optional.empty();
      }
      if (dot < 0) {
        return Optional.of(new RenameSpec(Optional.empty(), left, right));
      }
      String table = left.substring(0, dot);
      String column = left.substring(dot + 1);
      if (table.isEmpty() || column.isEmpty() || right.contains(".")) {
        return Optional.empty();
      }
      return Optional.of(new RenameSpec(Optional.of(table), column, right));
    }
  }

  /** Table renames the changes suggest: a dropped and a created table (same schema) with the same columns. */
  public static List<TableRename> tableCandidates(List<Change> changes) {
    List<Table> dropped = new ArrayList<>();
    List<Table> created = new ArrayList<>();
    for (Change change : changes) {
      if (change instanceof Change.DropTable d) {
        dropped.add(d.table());
      } else if (change instanceof Change.CreateTable c) {
        created.add(c.table());
      }
    }
    List<TableRename> out = new ArrayList<>();
    for (Table d : dropped) {
      for (Table c : created) {
        if (d.schema().equals(c.schema()) && shape(d).equals(shape(c))) {
          out.add(new TableRename(d.schema(), d.name(), c.name()));
        }
      }
    }
    return List.copyOf(out);
  }

  /** Column renames the changes suggest: a dropped and an added column of one table with the same type and nullability. */
  public static List<ColumnRename> columnCandidates(List<Change> changes) {
    List<ColumnRename> out = new ArrayList<>();
    for (Change change : changes) {
      if (!(change instanceof Change.ModifyTable m)) {
        continue;
      }
      List<Column> dropped = new ArrayList<>();
      List<Column> added = new ArrayList<>();
      for (Change.TableChange tc : m.changes()) {
        if (tc instanceof Change.DropColumn d) {
          dropped.add(d.column());
        } else if (tc instanceof Change.AddColumn a) {
          added.add(a.column());
        }
      }
      for (Column d : dropped) {
        for (Column a : added) {
          if (d.type().equals(a.type()) && d.nullable() == a.nullable()) {
            out.add(new ColumnRename(m.schema(), m.table(), d.name(), a.name()));
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * Resolves a {@code --rename} argument against the two schemas (tables already renamed in {@code
   * from} for column renames); empty with a reason when it does not name a dropped and an added
   * object.
   */
  public static Resolution resolve(RenameSpec spec, DatabaseSchema from, DatabaseSchema to) {
    if (spec.table().isEmpty()) {
      Optional<Table> old = from.tables().stream().filter(t -> t.name().equals(spec.from())).findFirst();
      if (old.isEmpty()) {
        return Resolution.failed("there is no table `" + spec.from() + "` in the migration history");
      }
      String schema = old.get().schema();
      if (to.table(schema, spec.from()).isPresent()) {
        return Resolution.failed("the table `" + spec.from() + "` is still in the schema");
      }
      if (to.table(schema, spec.to()).isEmpty()) {
        return Resolution.failed("there is no table `" + spec.to() + "` in the schema");
      }
      if (from.table(schema, spec.to()).isPresent()) {
        return Resolution.failed("the table `" + spec.to() + "` exists already in the migration history");
      }
      return new Resolution(Optional.of(new TableRename(schema, spec.from(), spec.to())), Optional.empty());
    }
    String tableName = spec.table().get();
    Optional<Table> table = from.tables().stream().filter(t -> t.name().equals(tableName)).findFirst();
    if (table.isEmpty()) {
      return Resolution.failed("there is no table `" + tableName + "` in the migration history");
    }
    String schema = table.get().schema();
    Optional<Table> next = to.table(schema, tableName);
    if (next.isEmpty()) {
      return Resolution.failed("the table `" + tableName + "` is not in the schema");
    }
    if (table.get().column(spec.from()).isEmpty()) {
      return Resolution.failed("the table `" + tableName + "` has no column `" + spec.from() + "` in the migration history");
    }
    if (next.get().column(spec.from()).isPresent()) {
      return Resolution.failed("the column `" + tableName + "." + spec.from() + "` is still in the schema");
    }
    if (next.get().column(spec.to()).isEmpty()) {
      return Resolution.failed("the table `" + tableName + "` has no column `" + spec.to() + "` in the schema");
    }
    if (table.get().column(spec.to()).isPresent()) {
      return Resolution.failed("the column `" + tableName + "." + spec.to() + "` exists already in the migration history");
    }
    return new Resolution(Optional.of(new ColumnRename(schema, tableName, spec.from(), spec.to())), Optional.empty());
  }

  /** A resolved {@code --rename}, or why it could not be resolved. */
  public record Resolution(Optional<Rename> rename, Optional<String> problem) {
    static Resolution failed(String why) {
      return new Resolution(Optional.empty(), Optional.of(why));
    }
  }

  /** {@code schema} as it is once every rename has been carried out, in order. */
  public static DatabaseSchema applyTo(DatabaseSchema schema, List<? extends Rename> renames) {
    DatabaseSchema out = schema;
    for (Rename rename : renames) {
      out = rename instanceof TableRename t ? renameTable(out, t) : renameColumn(out, (ColumnRename) rename);
    }
    return out;
  }

  private static DatabaseSchema renameTable(DatabaseSchema schema, TableRename r) {
    List<Table> tables = new ArrayList<>();
    for (Table t : schema.tables()) {
      Table next = t;
      if (t.schema().equals(r.schema()) && t.name().equals(r.from())) {
        next = new Table(t.schema(), r.to(), t.columns(), t.primaryKey(), t.indexes(), t.foreignKeys(), t.checks(), t.comment());
      }
      next = next.withForeignKeys(next.foreignKeys().stream()
          .map(fk -> fk.referencedSchema().equals(r.schema()) && fk.referencedTable().equals(r.from())
              ? new ForeignKey(fk.name(), fk.columns(), fk.referencedSchema(), r.to(), fk.referencedColumns(), fk.onDelete(), fk.onUpdate())
              : fk)
          .toList());
      tables.add(next);
    }
    List<Sequence> sequences = schema.sequences().stream()
        .map(s -> s.schema().equals(r.schema()) && s.ownedByTable().filter(r.from()::equals).isPresent()
            ? new Sequence(s.schema(), s.name(), Optional.of(r.to()), s.ownedByColumn())
            : s)
        .toList();
    return new DatabaseSchema(schema.defaultSchema(), schema.explicitSchemas(), tables, schema.enums(), sequences,
        schema.extensions(), schema.views());
  }

  private static DatabaseSchema renameColumn(DatabaseSchema schema, ColumnRename r) {
    List<Table> tables = new ArrayList<>();
    for (Table t : schema.tables()) {
      Table next = t;
      if (t.schema().equals(r.schema()) && t.name().equals(r.table())) {
        next = t.withColumns(t.columns().stream()
                .map(c -> c.name().equals(r.from())
                    ? new Column(r.to(), c.type(), c.nullable(), c.defaultValue(), c.autoincrement(), c.identity(), c.generated(), c.comment())
                    : c)
                .toList())
            .withPrimaryKey(t.primaryKey().map(pk -> new PrimaryKey(pk.name(), swap(pk.columns(), r))))
            .withIndexes(t.indexes().stream()
                .map(i -> new Index(i.name(), i.unique(), i.columns().stream()
                    .map(c -> !c.expression() && c.name().equals(r.from()) ? new IndexColumn(r.to(), false, c.sort(), c.operatorClass()) : c)
                    .toList(), i.method(), i.predicate(), i.constraint()))
                .toList())
            .withForeignKeys(t.foreignKeys().stream()
                .map(fk -> new ForeignKey(fk.name(), swap(fk.columns(), r), fk.referencedSchema(), fk.referencedTable(),
                    fk.referencedColumns(), fk.onDelete(), fk.onUpdate()))
                .toList());
      }
      next = next.withForeignKeys(next.foreignKeys().stream()
          .map(fk -> fk.referencedSchema().equals(r.schema()) && fk.referencedTable().equals(r.table())
              ? new ForeignKey(fk.name(), fk.columns(), fk.referencedSchema(), fk.referencedTable(), swap(fk.referencedColumns(), r),
                  fk.onDelete(), fk.onUpdate())
              : fk)
          .toList());
      tables.add(next);
    }
    List<Sequence> sequences = schema.sequences().stream()
        .map(s -> s.schema().equals(r.schema()) && s.ownedByTable().filter(r.table()::equals).isPresent()
                && s.ownedByColumn().filter(r.from()::equals).isPresent()
            ? new Sequence(s.schema(), s.name(), s.ownedByTable(), Optional.of(r.to()))
            : s)
        .toList();
    return new DatabaseSchema(schema.defaultSchema(), schema.explicitSchemas(), tables, schema.enums(), sequences,
        schema.extensions(), schema.views());
  }

  private static List<String> swap(List<String> names, ColumnRename r) {
    return names.stream().map(n -> n.equals(r.from()) ? r.to() : n).toList();
  }

  private record ColumnShape(String name, Object type, boolean nullable) {}

  private static List<ColumnShape> shape(Table table) {
    return table.columns().stream().map(c -> new ColumnShape(c.name(), c.type(), c.nullable())).toList();
  }
}
