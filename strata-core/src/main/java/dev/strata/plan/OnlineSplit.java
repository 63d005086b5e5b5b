package dev.strata.plan;

import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.Index;
import dev.strata.schema.change.Change;
import dev.strata.schema.change.Change.ColumnChange;
import dev.strata.schema.change.Change.TableChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a migration's changes into those Prisma's SQL applies well inside one transaction and
 * those that {@code migrate dev} applies with a lock-safe recipe (see {@code PgOnlineRenderer}):
 * on a table that already exists before the migration (in the shadow-replayed history), an added
 * index (built {@code CONCURRENTLY}), an added foreign key ({@code NOT VALID}, then {@code
 * VALIDATE}) and a column made required ({@code SET NOT NULL} through a validated {@code CHECK}).
 * Tables created by the migration keep Prisma's plain SQL: they are empty, nothing waits on them.
 *
 * <p>A required column moves only when nullability is its sole change (a type change rewrites the
 * table anyway). A unique index stays in the transactional part when a foreign key of that part
 * references its columns (PostgreSQL needs the unique index before the foreign key).
 *
 * @param transactional the changes of the first migration, planned and written as Prisma does
 * @param online the changes of the second, non-transactional migration (the {@link
 *     Change.ModifyTable}s hold only the {@code SET NOT NULL} column alterations)
 */
public record OnlineSplit(List<Change> transactional, List<Change> online) {
  public OnlineSplit {
    transactional = List.copyOf(transactional);
    online = List.copyOf(online);
  }

  /** The split of {@code changes}, the differ's changes from {@code from}. */
  public static OnlineSplit of(DatabaseSchema from, List<Change> changes) {
    List<Change> first = new ArrayList<>();
    List<Change> second = new ArrayList<>();
    for (Change change : changes) {
      if (change instanceof Change.AddIndex a && exists(from, a.schema(), a.table()) && !a.index().constraint()) {
        second.add(change);
      } else if (change instanceof Change.AddForeignKey f && exists(from, f.schema(), f.table())) {
        second.add(change);
      } else if (change instanceof Change.ModifyTable m && exists(from, m.schema(), m.table())) {
        List<TableChange> kept = new ArrayList<>();
        List<TableChange> moved = new ArrayList<>();
        for (TableChange tc : m.changes()) {
          (setsNotNull(tc) ? moved : kept).add(tc);
        }
        if (!kept.isEmpty()) {
          first.add(moved.isEmpty() ? m : new Change.ModifyTable(m.schema(), m.table(), kept));
        }
        if (!moved.isEmpty()) {
          second.add(new Change.ModifyTable(m.schema(), m.table(), moved));
        }
      } else {
        first.add(change);
      }
    }
    // A foreign key that stays in the first migration needs the unique index it references there too.
    List<Change> back = second.stream()
        .filter(c -> c instanceof Change.AddIndex a && a.index().unique() && referencedBy(first, a.schema(), a.table(), a.index()))
        .toList();
    if (!back.isEmpty()) {
      second.removeAll(back);
      first.addAll(back);
    }
    return new OnlineSplit(first, second);
  }

  /** Whether there is nothing to apply with a lock-safe recipe. */
  public boolean noOnlineChanges() {
    return online.isEmpty();
  }

  private static boolean exists(DatabaseSchema from, String schema, String table) {
    return from.table(schema, table).isPresent();
  }

  /** A column made required, and nothing else about it changed. */
  static boolean setsNotNull(TableChange tc) {
    return tc instanceof Change.AlterColumn a
        && a.changes().equals(Set.of(ColumnChange.NULLABILITY))
        && a.from().nullable() && !a.to().nullable()
        && !a.from().type().array() && !a.to().type().array();
  }

  private static boolean referencedBy(List<Change> changes, String schema, String table, Index index) {
    return changes.stream().anyMatch(c -> c instanceof Change.AddForeignKey f
        && f.foreignKey().referencedSchema().equals(schema) && f.foreignKey().referencedTable().equals(table)
        && Set.copyOf(f.foreignKey().referencedColumns()).equals(Set.copyOf(index.columnNames())));
  }
}
