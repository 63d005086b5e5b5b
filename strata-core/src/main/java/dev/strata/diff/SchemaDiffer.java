package dev.strata.diff;

import dev.strata.dialect.Dialect;
import dev.strata.schema.Column;
import dev.strata.schema.DatabaseSchema;
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
import dev.strata.schema.change.Change.TypeChange;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The generic differ: compares two schemas and lists the changes that turn the first into the
 * second, following Prisma Migrate's rules for what counts as a change.
 *
 * <p>Objects are matched by (schema, name); tables and columns are never matched across names
 * (a rename is a drop and an add, as in Prisma). Indexes and foreign keys are matched by what they
 * do, so a change of name alone is a rename. The result is unordered in the sense of execution:
 * {@link dev.strata.plan.Planner} orders it.
 */
public final class SchemaDiffer {
  private final Dialect dialect;

  public SchemaDiffer(Dialect dialect) {
    this.dialect = Objects.requireNonNull(dialect);
  }

  /** The changes from {@code from} to {@code to}. */
  public List<Change> diff(DatabaseSchema from, DatabaseSchema to) {
    List<Change> changes = new ArrayList<>();
    diffSchemas(from, to, changes);
    diffExtensions(from, to, changes);
    diffEnums(from, to, changes);
    diffTables(from, to, changes);
    return List.copyOf(changes);
  }

  private void diffSchemas(DatabaseSchema from, DatabaseSchema to, List<Change> out) {
    // The default schema is the connection's own and always exists (migrate dev never creates it;
    // only `migrate diff --from-empty` does, because its empty side has no namespaces at all: then
    // the default schema is created like the others, in name order). A listed schema that holds no
    // table and no new enum is not created (as in Prisma).
    boolean noNamespaces = from.hasNoNamespaces();
    TreeSet<String> names = new TreeSet<>(to.explicitSchemas());
    if (noNamespaces && !to.hasNoNamespaces()) {
      names.add(to.defaultSchema());
    }
    for (String name : names) {
      boolean used = to.tables().stream().anyMatch(t -> t.schema().equals(name))
          || to.enums().stream().anyMatch(e -> e.schema().equals(name) && from.enumType(name, e.name()).isEmpty());
      boolean exists = from.explicitSchemas().contains(name)
          || !noNamespaces && (name.equals(to.defaultSchema()) || name.equals(from.defaultSchema()));
      if (used && !exists) {
        out.add(new Change.CreateSchema(name));
      }
    }
  }

  private void diffExtensions(DatabaseSchema from, DatabaseSchema to, List<Change> out) {
    // As in Prisma, extensions that disappear from the schema are left installed: databases carry
    // extensions (plpgsql, those of hosting providers) that the schema never mentions.
    for (Extension next : to.extensions()) {
      Optional<Extension> previous =
          from.extensions().stream().filter(e -> e.name().equals(next.name())).findFirst();
      if (previous.isEmpty()) {
        out.add(new Change.CreateExtension(next));
      } else if (differs(previous.get().version(), next.version()) || differs(previous.get().schema(), next.schema())) {
        out.add(new Change.AlterExtension(previous.get(), next));
      }
    }
  }

  private static boolean differs(Optional<String> a, Optional<String> b) {
    return a.isPresent() && b.isPresent() && !a.get().equals(b.get());
  }

  private void diffEnums(DatabaseSchema from, DatabaseSchema to, List<Change> out) {
    for (EnumType previous : from.enums()) {
      Optional<EnumType> next = to.enumType(previous.schema(), previous.name());
      if (next.isEmpty()) {
        out.add(new Change.DropEnum(previous));
        continue;
      }
      List<String> added = next.get().values().stream().filter(v -> !previous.values().contains(v)).toList();
      List<String> removed = previous.values().stream().filter(v -> !next.get().values().contains(v)).toList();
      if (!added.isEmpty() || !removed.isEmpty()) {
        out.add(new Change.AlterEnum(previous, next.get(), added, removed));
      }
    }
    for (EnumType next : to.enums()) {
      if (from.enumType(next.schema(), next.name()).isEmpty()) {
        out.add(new Change.CreateEnum(next));
      }
    }
  }

  private void diffTables(DatabaseSchema from, DatabaseSchema to, List<Change> out) {
    for (Table previous : from.tables()) {
      if (dialect.ignoresTable(previous.name())) {
        continue;
      }
      Optional<Table> next = to.table(previous.schema(), previous.name());
      if (next.isEmpty()) {
        out.add(new Change.DropTable(previous));
        for (ForeignKey fk : previous.foreignKeys()) {
          out.add(new Change.DropForeignKey(previous.schema(), previous.name(), fk));
        }
      } else {
        diffTable(previous, next.get(), out);
      }
    }
    for (Table next : to.tables()) {
      if (dialect.ignoresTable(next.name()) || from.table(next.schema(), next.name()).isPresent()) {
        continue;
      }
      out.add(new Change.CreateTable(next));
      for (Index index : next.indexes()) {
        out.add(new Change.AddIndex(next.schema(), next.name(), index));
      }
      for (ForeignKey fk : next.foreignKeys()) {
        out.add(new Change.AddForeignKey(next.schema(), next.name(), fk));
      }
    }
  }

  /** Column changes of one column pair, with the type change's riskiness. */
  private record ColumnDiff(Column from, Column to, Set<ColumnChange> changes, Optional<TypeChange> typeChange) {}

  private ColumnDiff columnDiff(Column from, Column to) {
    EnumSet<ColumnChange> changes = EnumSet.noneOf(ColumnChange.class);
    Optional<TypeChange> typeChange = dialect.typeMapper().typeChange(from, to);
    if (arity(from) != arity(to)) {
      changes.add(ColumnChange.NULLABILITY);
    }
    if (!Defaults.match(from, to)) {
      changes.add(ColumnChange.DEFAULT);
    }
    if (typeChange.isPresent()) {
      changes.add(ColumnChange.TYPE);
    }
    if (from.autoincrement() != to.autoincrement()) {
      changes.add(ColumnChange.AUTOINCREMENT);
    }
    return new ColumnDiff(from, to, changes, typeChange);
  }

  /** Prisma's column arity: list columns are neither required nor optional. */
  enum Arity {
    REQUIRED,
    NULLABLE,
    LIST
  }

  static Arity arity(Column column) {
    if (column.type().array()) {
      return Arity.LIST;
    }
    return column.nullable() ? Arity.NULLABLE : Arity.REQUIRED;
  }

  private void diffTable(Table from, Table to, List<Change> out) {
    String schema = to.schema();
    String name = to.name();
    // Column pairs by name, in byte order of the names (Prisma keys them in a sorted map).
    TreeMap<String, Column[]> byName = new TreeMap<>();
    for (Column c : from.columns()) {
      byName.computeIfAbsent(c.name(), k -> new Column[2])[0] = c;
    }
    for (Column c : to.columns()) {
      byName.computeIfAbsent(c.name(), k -> new Column[2])[1] = c;
    }
    List<ColumnDiff> pairs = new ArrayList<>();
    for (Column[] pair : byName.values()) {
      if (pair[0] != null && pair[1] != null) {
        pairs.add(columnDiff(pair[0], pair[1]));
      }
    }

    // Foreign keys.
    List<ForeignKey> nextFks = to.foreignKeys();
    List<ForeignKey> previousFks = from.foreignKeys();
    for (ForeignKey next : nextFks) {
      if (previousFks.stream().noneMatch(p -> foreignKeysMatch(p, next, from, to, pairs))) {
        out.add(new Change.AddForeignKey(schema, name, next));
      }
    }
    for (ForeignKey previous : previousFks) {
      if (nextFks.stream().noneMatch(n -> foreignKeysMatch(previous, n, from, to, pairs))) {
        out.add(new Change.DropForeignKey(from.schema(), from.name(), previous));
      }
    }
    Set<ForeignKey> seen = new HashSet<>();
    for (ForeignKey previous : previousFks) {
      for (ForeignKey next : nextFks) {
        if (!seen.contains(next) && foreignKeysMatch(previous, next, from, to, pairs)) {
          seen.add(next);
          // Implicit many-to-many tables once had unnamed foreign keys; Prisma never renames them.
          if (!previous.name().equals(next.name()) && !(isImplicitManyToMany(from) && isImplicitManyToMany(to))) {
            out.add(new Change.RenameForeignKey(schema, name, previous, next));
          }
          break;
        }
      }
    }

    // Index renames: only for indexes that are the single one of their shape in the old table.
    for (Index previous : from.indexes()) {
      long identical = from.indexes().stream()
          .filter(o -> o.columnNames().equals(previous.columnNames()) && o.unique() == previous.unique())
          .count();
      if (identical != 1) {
        continue;
      }
      to.indexes().stream()
          .filter(next -> indexesMatch(previous, from, next, to))
          .findFirst()
          .filter(next -> !next.name().equals(previous.name()))
          .ifPresent(next -> out.add(new Change.RenameIndex(schema, name, previous, next)));
    }
    for (Index previous : from.indexes()) {
      if (to.indexes().stream().noneMatch(n -> indexesMatch(previous, from, n, to))) {
        out.add(new Change.DropIndex(from.schema(), from.name(), previous));
      }
    }
    for (Index next : to.indexes()) {
      if (from.indexes().stream().noneMatch(p -> indexesMatch(p, from, next, to))) {
        out.add(new Change.AddIndex(schema, name, next));
      }
    }
    // Dropping a column drops its indexes: indexes over recreated columns are created again.
    Set<String> recreated = new HashSet<>();
    for (ColumnDiff d : pairs) {
      if (d.typeChange().orElse(null) == TypeChange.NOT_CASTABLE) {
        recreated.add(d.to().name());
      }
    }
    if (!recreated.isEmpty()) {
      for (Index next : to.indexes()) {
        boolean matched = from.indexes().stream().anyMatch(p -> indexesMatch(p, from, next, to));
        if (matched && next.columnNames().stream().anyMatch(recreated::contains)) {
          out.add(new Change.AddIndex(schema, name, next));
        }
      }
    }

    // Column and primary key changes, in Prisma's order.
    List<TableChange> changes = new ArrayList<>();
    boolean pkChanged = primaryKeyChanged(from, to, pairs);
    if (from.primaryKey().isPresent() && (to.primaryKey().isEmpty() || pkChanged)) {
      changes.add(new Change.DropPrimaryKey(from.primaryKey().get()));
    }
    if (from.primaryKey().isPresent() && to.primaryKey().isPresent()
        && !from.primaryKey().get().name().equals(to.primaryKey().get().name())) {
      changes.add(new Change.RenamePrimaryKey(from.primaryKey().get(), to.primaryKey().get()));
    }
    for (Column[] pair : byName.values()) {
      if (pair[1] == null) {
        changes.add(new Change.DropColumn(pair[0]));
      }
    }
    for (Column[] pair : byName.values()) {
      if (pair[0] == null) {
        changes.add(new Change.AddColumn(pair[1]));
      }
    }
    // Altered columns in the old table's column order.
    List<ColumnDiff> altered = new ArrayList<>(pairs.stream().filter(d -> !d.changes().isEmpty()).toList());
    altered.sort((a, b) -> Integer.compare(from.columns().indexOf(a.from()), from.columns().indexOf(b.from())));
    for (ColumnDiff d : altered) {
      if (d.typeChange().orElse(null) == TypeChange.NOT_CASTABLE) {
        changes.add(new Change.RecreateColumn(d.from(), d.to(), d.changes()));
      } else {
        changes.add(new Change.AlterColumn(d.from(), d.to(), d.changes(), d.typeChange()));
      }
    }
    if (to.primaryKey().isPresent() && (from.primaryKey().isEmpty() || pkChanged)) {
      changes.add(new Change.AddPrimaryKey(to.primaryKey().get()));
    }
    if (!changes.isEmpty()) {
      out.add(new Change.ModifyTable(from.schema(), from.name(), changes));
    }
  }

  private static boolean isImplicitManyToMany(Table table) {
    return table.columns().size() == 2 && table.column("A").isPresent() && table.column("B").isPresent();
  }

  private static boolean primaryKeyChanged(Table from, Table to, List<ColumnDiff> pairs) {
    if (from.primaryKey().isEmpty() || to.primaryKey().isEmpty()) {
      return false;
    }
    PrimaryKey a = from.primaryKey().get();
    PrimaryKey b = to.primaryKey().get();
    if (!a.columns().equals(b.columns())) {
      return true;
    }
    // A key column whose type changes means the key is rebuilt.
    return pairs.stream().anyMatch(d -> a.columns().contains(d.from().name()) && d.changes().contains(ColumnChange.TYPE));
  }

  private boolean foreignKeysMatch(ForeignKey a, ForeignKey b, Table from, Table to, List<ColumnDiff> pairs) {
    if (!a.referencedTable().equals(b.referencedTable())
        || a.referencedColumns().size() != b.referencedColumns().size()
        || a.columns().size() != b.columns().size()
        || !a.referencedColumns().equals(b.referencedColumns())
        || a.onDelete() != b.onDelete()
        || a.onUpdate() != b.onUpdate()) {
      return false;
    }
    for (int i = 0; i < a.columns().size(); i++) {
      String previousName = a.columns().get(i);
      String nextName = b.columns().get(i);
      if (!previousName.equals(nextName)) {
        return false;
      }
      Optional<ColumnDiff> pair = pairs.stream().filter(d -> d.from().name().equals(previousName)).findFirst();
      if (pair.isEmpty()) {
        return false;
      }
      if (pair.get().changes().contains(ColumnChange.TYPE)) {
        return false;
      }
      Arity before = arity(pair.get().from());
      Arity after = arity(pair.get().to());
      boolean aritiesOk = before == after || (before == Arity.REQUIRED && after == Arity.NULLABLE);
      if (!aritiesOk) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether two indexes ({@code a} on {@code ta}, {@code b} on {@code tb}) are the same but for
   * their names. A key without an operator class and one naming the default class of its column's
   * type under that method are the same key: introspection leaves defaults out, a schema may spell
   * them.
   */
  boolean indexesMatch(Index a, Table ta, Index b, Table tb) {
    if (a.columns().size() != b.columns().size() || a.unique() != b.unique()) {
      return false;
    }
    if (!a.method().equalsIgnoreCase(b.method())) {
      return false;
    }
    if (!normalizePredicate(a.predicate()).equals(normalizePredicate(b.predicate()))) {
      return false;
    }
    for (int i = 0; i < a.columns().size(); i++) {
      IndexColumn x = a.columns().get(i);
      IndexColumn y = b.columns().get(i);
      if (!x.name().equals(y.name()) || x.expression() != y.expression()) {
        return false;
      }
      IndexColumn.SortOrder sx = x.sort().orElse(IndexColumn.SortOrder.ASC);
      IndexColumn.SortOrder sy = y.sort().orElse(IndexColumn.SortOrder.ASC);
      if (sx != sy) {
        return false;
      }
      if (!sameOperatorClass(x, ta, y, tb, a.method())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether two keys use the same operator class. Only when one side names a class and the other
   * none is the default of the unnamed side's column type consulted (so a column changing type
   * under an index without classes never counts as an index change).
   */
  private boolean sameOperatorClass(IndexColumn x, Table tx, IndexColumn y, Table ty, String method) {
    Optional<String> ox = x.operatorClass().map(s -> s.toLowerCase(java.util.Locale.ROOT));
    Optional<String> oy = y.operatorClass().map(s -> s.toLowerCase(java.util.Locale.ROOT));
    if (ox.isPresent() == oy.isPresent()) {
      return ox.equals(oy);
    }
    IndexColumn unnamed = ox.isPresent() ? y : x;
    Table table = ox.isPresent() ? ty : tx;
    String named = ox.or(() -> oy).orElse("");
    if (unnamed.expression()) {
      return false;
    }
    return table.column(unnamed.name())
        .flatMap(c -> dialect.defaultOperatorClass(method, c.type()))
        .map(d -> d.equalsIgnoreCase(named))
        .orElse(false);
  }

  private static String normalizePredicate(Optional<String> predicate) {
    return predicate.map(p -> p.replaceAll("\\s+", " ").trim()).orElse("");
  }
}
