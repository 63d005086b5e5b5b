package dev.strata.plan;

import dev.strata.dialect.Dialect;
import dev.strata.dialect.Statement;
import dev.strata.schema.Column;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.Extension;
import dev.strata.schema.Index;
import dev.strata.schema.Table;
import dev.strata.schema.change.Change;
import dev.strata.schema.change.Change.ColumnChange;
import dev.strata.schema.change.Change.TableChange;
import dev.strata.schema.change.Change.TypeChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The planner: orders changes into steps as Prisma Migrate does (step kind first, then the
 * position of the object in its schema), renders each through the dialect with the statements
 * that undo it, and lists Prisma's destructive-change warnings and unexecutable steps.
 */
public final class Planner {
  private final Dialect dialect;

  public Planner(Dialect dialect) {
    this.dialect = Objects.requireNonNull(dialect);
  }

  /** The plan applying {@code changes} (as the differ produced them for {@code from → to}). */
  public Plan plan(DatabaseSchema from, DatabaseSchema to, List<Change> changes) {
    List<Keyed> keyed = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      Change change = changes.get(i);
      keyed.add(new Keyed(stepOf(change), sortKey(change, from, to), i, change));
    }
    keyed.sort(Comparator.comparing((Keyed k) -> k.step())
        .thenComparing(Keyed::key, Planner::compareKeys)
        .thenComparingInt(Keyed::order));
    List<Keyed> ordered = moveDroppedUniqueIndexes(keyed, from, to);

    List<PlannedStep> steps = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> unexecutable = new ArrayList<>();
    for (Keyed k : ordered) {
      List<Statement> forward = dialect.ddlRenderer().render(k.change(), from, to);
      if (forward.isEmpty()) {
        continue;
      }
      Optional<List<String>> reverse = Inverse.of(k.change(), from, to, dialect.typeMapper())
          .map(inverse -> inverse.stream()
              .flatMap(c -> dialect.ddlRenderer().render(c, to, from).stream())
              .map(Statement::sql)
              .toList());
      Optional<String> reverseSql = reverse.map(r -> String.join(";\n", r));
      List<PlannedStatement> statements = forward.stream()
          .map(s -> new PlannedStatement(k.step(), s.sql(), reverseSql, s.lockLevel(), k.change()))
          .toList();
      steps.add(new PlannedStep(k.step(), k.change(), statements, reverse, Inverse.caveat(k.change())));
      check(k.change(), from, to, warnings, unexecutable);
    }
    return new Plan(from, to, steps, warnings, unexecutable);
  }

  private record Keyed(Step step, int[] key, int order, Change change) {}

  private static int compareKeys(int[] a, int[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int c = Integer.compare(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  static Step stepOf(Change change) {
    if (change instanceof Change.CreateSchema) {
      return Step.CreateSchema;
    } else if (change instanceof Change.DropExtension) {
      return Step.DropExtension;
    } else if (change instanceof Change.CreateExtension) {
      return Step.CreateExtension;
    } else if (change instanceof Change.AlterExtension) {
      return Step.AlterExtension;
    } else if (change instanceof Change.CreateEnum) {
      return Step.CreateEnum;
    } else if (change instanceof Change.AlterEnum) {
      return Step.AlterEnum;
    } else if (change instanceof Change.DropForeignKey) {
      return Step.DropForeignKey;
    } else if (change instanceof Change.DropIndex) {
      return Step.DropIndex;
    } else if (change instanceof Change.ModifyTable) {
      return Step.AlterTable;
    } else if (change instanceof Change.DropTable) {
      return Step.DropTable;
    } else if (change instanceof Change.DropEnum) {
      return Step.DropEnum;
    } else if (change instanceof Change.CreateTable) {
      return Step.CreateTable;
    } else if (change instanceof Change.AddIndex) {
      return Step.CreateIndex;
    } else if (change instanceof Change.RenameForeignKey) {
      return Step.RenameForeignKey;
    } else if (change instanceof Change.AddForeignKey) {
      return Step.AddForeignKey;
    } else {
      return Step.RenameIndex;
    }
  }

  /**
   * Within a step, Prisma orders by the ids of the objects, which are their positions in the schema
   * they come from (tables in order, then each table's indexes or foreign keys in order).
   */
  private static int[] sortKey(Change change, DatabaseSchema from, DatabaseSchema to) {
    if (change instanceof Change.CreateSchema c) {
      return new int[] {0};
    } else if (change instanceof Change.CreateExtension c) {
      return new int[] {extensionPos(to, c.extension())};
    } else if (change instanceof Change.DropExtension c) {
      return new int[] {extensionPos(from, c.extension())};
    } else if (change instanceof Change.AlterExtension c) {
      return new int[] {extensionPos(from, c.from())};
    } else if (change instanceof Change.CreateEnum c) {
      return new int[] {to.enums().indexOf(c.enumType())};
    } else if (change instanceof Change.AlterEnum c) {
      return new int[] {from.enums().indexOf(c.from())};
    } else if (change instanceof Change.DropEnum c) {
      return new int[] {from.enums().indexOf(c.enumType())};
    } else if (change instanceof Change.DropForeignKey c) {
      int t = tablePos(from, c.schema(), c.table());
      return new int[] {t, fkPos(from, t, c.foreignKey().name())};
    } else if (change instanceof Change.DropIndex c) {
      int t = tablePos(from, c.schema(), c.table());
      return new int[] {t, indexPos(from, t, c.index())};
    } else if (change instanceof Change.ModifyTable c) {
      return new int[] {tablePos(from, c.schema(), c.table())};
    } else if (change instanceof Change.DropTable c) {
      return new int[] {tablePos(from, c.table().schema(), c.table().name())};
    } else if (change instanceof Change.CreateTable c) {
      return new int[] {tablePos(to, c.table().schema(), c.table().name())};
    } else if (change instanceof Change.AddIndex c) {
      int next = tablePos(to, c.schema(), c.table());
      int previous = tablePos(from, c.schema(), c.table());
      int index = indexPos(to, next, c.index());
      // Indexes of new tables (no previous id) come first.
      return previous < 0 ? new int[] {0, next, 0, index} : new int[] {1, previous, next, index};
    } else if (change instanceof Change.RenameForeignKey c) {
      int t = tablePos(from, c.schema(), c.table());
      return new int[] {t, fkPos(from, t, c.from().name())};
    } else if (change instanceof Change.AddForeignKey c) {
      int t = tablePos(to, c.schema(), c.table());
      return new int[] {t, fkPos(to, t, c.foreignKey().name())};
    } else if (change instanceof Change.RenameIndex c) {
      int t = tablePos(from, c.schema(), c.table());
      return new int[] {t, indexPos(from, t, c.from())};
    }
    return new int[] {0};
  }

  /** Prisma orders extensions by name, whatever their order in the datasource's list. */
  private static int extensionPos(DatabaseSchema schema, Extension extension) {
    return (int) schema.extensions().stream().filter(e -> e.name().compareTo(extension.name()) < 0).count();
  }

  private static int tablePos(DatabaseSchema schema, String namespace, String name) {
    for (int i = 0; i < schema.tables().size(); i++) {
      Table t = schema.tables().get(i);
      if (t.schema().equals(namespace) && t.name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static int fkPos(DatabaseSchema schema, int table, String name) {
    if (table < 0) {
      return -1;
    }
    List<dev.strata.schema.ForeignKey> fks = schema.tables().get(table).foreignKeys();
    for (int i = 0; i < fks.size(); i++) {
      if (fks.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static int indexPos(DatabaseSchema schema, int table, Index index) {
    return table < 0 ? -1 : schema.tables().get(table).indexes().indexOf(index);
  }

  /**
   * Prisma's one exception to the step order: a unique index dropped from a table without a
   * primary key moves after the table alteration that adds a primary key on the same columns
   * (the new key may rely on the uniqueness until it exists).
   */
  private static List<Keyed> moveDroppedUniqueIndexes(List<Keyed> steps, DatabaseSchema from, DatabaseSchema to) {
    List<Keyed> out = new ArrayList<>(steps);
    int i = 0;
    while (i < out.size()) {
      Keyed k = out.get(i);
      if (k.change() instanceof Change.DropIndex d && d.index().unique()) {
        Optional<Table> table = from.table(d.schema(), d.table());
        if (table.isPresent() && table.get().primaryKey().isEmpty()) {
          int target = -1;
          for (int j = i + 1; j < out.size(); j++) {
            if (out.get(j).change() instanceof Change.ModifyTable m && m.schema().equals(d.schema())
                && m.table().equals(d.table()) && addsKeyOver(m, d.index(), to)) {
              target = j;
              break;
            }
          }
          if (target > 0) {
            out.add(target, out.remove(i));
            continue; // the element now at i has not been looked at
          }
        }
      }
      i++;
    }
    return out;
  }

  private static boolean addsKeyOver(Change.ModifyTable m, Index index, DatabaseSchema to) {
    boolean addsKey = m.changes().stream().anyMatch(c -> c instanceof Change.AddPrimaryKey);
    boolean keepsColumns = m.changes().stream().noneMatch(c ->
        (c instanceof Change.DropColumn d && index.columnNames().contains(d.column().name()))
            || (c instanceof Change.RecreateColumn r && index.columnNames().contains(r.from().name())));
    Optional<Table> next = to.table(m.schema(), m.table());
    boolean sameColumns = next.flatMap(Table::primaryKey).map(pk -> pk.columns().equals(index.columnNames())).orElse(false);
    return addsKey && keepsColumns && sameColumns;
  }

  // ---- Prisma's destructive change checks, as worded when row counts are unknown ------------

  private void check(Change change, DatabaseSchema from, DatabaseSchema to, List<String> warnings, List<String> unexecutable) {
    if (change instanceof Change.DropTable d) {
      warnings.add("You are about to drop the `" + d.table().name()
          + "` table. If the table is not empty, all the data it contains will be lost.");
    } else if (change instanceof Change.AddIndex a && a.index().unique() && from.table(a.schema(), a.table()).isPresent()) {
      warnings.add("A unique constraint covering the columns `[" + String.join(",", a.index().columnNames())
          + "]` on the table `" + a.table() + "` will be added. If there are existing duplicate values, this will fail.");
    } else if (change instanceof Change.AlterEnum e && !e.removedValues().isEmpty()) {
      warnings.add("The values [" + String.join(",", e.removedValues()) + "] on the enum `" + e.to().name()
          + "` will be removed. If these variants are still used in the database, this will fail.");
    } else if (change instanceof Change.ModifyTable m) {
      for (TableChange tc : m.changes()) {
        checkTableChange(m.table(), tc, warnings, unexecutable);
      }
    }
  }

  private static boolean required(Column c) {
    return !c.type().array() && !c.nullable();
  }

  private void checkTableChange(String table, TableChange tc, List<String> warnings, List<String> unexecutable) {
    if (tc instanceof Change.DropColumn d) {
      warnings.add("You are about to drop the column `" + d.column().name() + "` on the `" + table
          + "` table. All the data in the column will be lost.");
    } else if (tc instanceof Change.DropPrimaryKey) {
      warnings.add("The primary key for the `" + table
          + "` table will be changed. If it partially fails, the table could be left without primary key constraint.");
    } else if (tc instanceof Change.AddColumn a) {
      Column c = a.column();
      if (required(c) && c.defaultValue().isEmpty() && !c.autoincrement() && c.generated().isEmpty() && c.identity().isEmpty()) {
        unexecutable.add("Added the required column `" + c.name() + "` to the `" + table
            + "` table without a default value. This is not possible if the table is not empty.");
      }
    } else if (tc instanceof Change.AlterColumn a) {
      boolean arity = a.changes().contains(ColumnChange.NULLABILITY);
      if (arity && a.from().nullable() && !a.from().type().array() && required(a.to())) {
        unexecutable.add("Made the column `" + a.from().name() + "` on table `" + table
            + "` required. This step will fail if there are existing NULL values in that column.");
      }
      if (arity && !a.from().type().array() && a.to().type().array()) {
        unexecutable.add("Changed the column `" + a.from().name() + "` on the `" + table
            + "` table from a scalar field to a list field. If there are non-null values in that column, this step will fail.");
      }
      if (a.typeChange().orElse(null) == TypeChange.RISKY_CAST) {
        warnings.add("You are about to alter the column `" + a.from().name() + "` on the `" + table
            + "` table. The data in that column could be lost. The data in that column will be cast from `"
            + dialect.typeMapper().displayType(a.from()) + "` to `" + dialect.typeMapper().displayType(a.to()) + "`.");
      }
    } else if (tc instanceof Change.RecreateColumn r) {
      boolean arity = r.changes().contains(ColumnChange.NULLABILITY);
      boolean noDefault = r.to().defaultValue().isEmpty();
      if (arity && r.from().nullable() && !r.from().type().array() && required(r.to()) && noDefault) {
        unexecutable.add("Added the required column `" + r.from().name() + "` to the `" + table
            + "` table without a default value. This is not possible if the table is not empty.");
      } else if (required(r.to()) && noDefault) {
        unexecutable.add("Changed the type of `" + r.from().name() + "` on the `" + table
            + "` table. No cast exists, the column would be dropped and recreated, which cannot be done if there is data, since the column is required.");
      } else {
        warnings.add("The `" + r.from().name() + "` column on the `" + table
            + "` table would be dropped and recreated. This will lead to data loss if there is data in the column.");
      }
    }
  }
}
