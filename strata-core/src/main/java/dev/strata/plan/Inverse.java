package dev.strata.plan;

import dev.strata.dialect.TypeMapper;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.Index;
import dev.strata.schema.Table;
import dev.strata.schema.change.Change;
import dev.strata.schema.change.Change.TableChange;
import dev.strata.schema.change.Change.TypeChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The changes that undo a change (applied from the target schema back to the source), and what
 * undoing cannot restore. Dialect-free: the planner renders the inverse through the dialect.
 */
final class Inverse {
  private Inverse() {}

  /** The undoing changes, in order; empty when the change cannot be undone at all. */
  static Optional<List<Change>> of(Change change, DatabaseSchema from, DatabaseSchema to, TypeMapper types) {
    if (change instanceof Change.CreateSchema) {
      return Optional.empty();
    } else if (change instanceof Change.CreateExtension c) {
      return Optional.of(List.of(new Change.DropExtension(c.extension())));
    } else if (change instanceof Change.DropExtension c) {
      return Optional.of(List.of(new Change.CreateExtension(c.extension())));
    } else if (change instanceof Change.AlterExtension c) {
      return Optional.of(List.of(new Change.AlterExtension(c.to(), c.from())));
    } else if (change instanceof Change.CreateEnum c) {
      return Optional.of(List.of(new Change.DropEnum(c.enumType())));
    } else if (change instanceof Change.DropEnum c) {
      return Optional.of(List.of(new Change.CreateEnum(c.enumType())));
    } else if (change instanceof Change.AlterEnum c) {
      // Values added are removed again by recreating the type, values removed are added back.
      return Optional.of(List.of(new Change.AlterEnum(c.to(), c.from(), c.removedValues(), c.addedValues())));
    } else if (change instanceof Change.CreateTable c) {
      return Optional.of(List.of(new Change.DropTable(c.table())));
    } else if (change instanceof Change.DropTable c) {
      List<Change> undo = new ArrayList<>();
      undo.add(new Change.CreateTable(c.table()));
      for (Index index : c.table().indexes()) {
        undo.add(new Change.AddIndex(c.table().schema(), c.table().name(), index));
      }
      return Optional.of(undo);
    } else if (change instanceof Change.ModifyTable c) {
      List<TableChange> undo = new ArrayList<>();
      List<TableChange> forward = c.changes();
      for (int i = forward.size() - 1; i >= 0; i--) {
        undo.add(invert(forward.get(i), types));
      }
      List<Change> out = new ArrayList<>();
      out.add(new Change.ModifyTable(c.schema(), c.table(), undo));
      // Recreating a column drops its indexes: build the source table's indexes over it again.
      Optional<Table> original = from.table(c.schema(), c.table());
      for (TableChange t : undo) {
        if (t instanceof Change.RecreateColumn r && original.isPresent()) {
          for (Index index : original.get().indexes()) {
            if (index.columnNames().contains(r.to().name())) {
              out.add(new Change.AddIndex(c.schema(), c.table(), index));
            }
          }
        }
      }
      return Optional.of(out);
    } else if (change instanceof Change.AddIndex c) {
      return Optional.of(List.of(new Change.DropIndex(c.schema(), c.table(), c.index())));
    } else if (change instanceof Change.DropIndex c) {
      return Optional.of(List.of(new Change.AddIndex(c.schema(), c.table(), c.index())));
    } else if (change instanceof Change.RenameIndex c) {
      return Optional.of(List.of(new Change.RenameIndex(c.schema(), c.table(), c.to(), c.from())));
    } else if (change instanceof Change.AddForeignKey c) {
      return Optional.of(List.of(new Change.DropForeignKey(c.schema(), c.table(), c.foreignKey())));
    } else if (change instanceof Change.DropForeignKey c) {
      return Optional.of(List.of(new Change.AddForeignKey(c.schema(), c.table(), c.foreignKey())));
    } else if (change instanceof Change.RenameForeignKey c) {
      return Optional.of(List.of(new Change.RenameForeignKey(c.schema(), c.table(), c.to(), c.from())));
    }
    return Optional.empty();
  }

  private static TableChange invert(TableChange change, TypeMapper types) {
    if (change instanceof Change.AddColumn c) {
      return new Change.DropColumn(c.column());
    } else if (change instanceof Change.DropColumn c) {
      return new Change.AddColumn(c.column());
    } else if (change instanceof Change.AlterColumn c) {
      // A cast is not symmetric (TEXT[] → TEXT casts, TEXT → TEXT[] does not): classify it again.
      Optional<TypeChange> back = types.typeChange(c.to(), c.from());
      if (back.orElse(null) == TypeChange.NOT_CASTABLE) {
        return new Change.RecreateColumn(c.to(), c.from(), c.changes());
      }
      return new Change.AlterColumn(c.to(), c.from(), c.changes(), back);
    } else if (change instanceof Change.RecreateColumn c) {
      return new Change.RecreateColumn(c.to(), c.from(), c.changes());
    } else if (change instanceof Change.AddPrimaryKey c) {
      return new Change.DropPrimaryKey(c.primaryKey());
    } else if (change instanceof Change.DropPrimaryKey c) {
      return new Change.AddPrimaryKey(c.primaryKey());
    } else {
      Change.RenamePrimaryKey c = (Change.RenamePrimaryKey) change;
      return new Change.RenamePrimaryKey(c.to(), c.from());
    }
  }

  /** What undoing the change cannot bring back, or why it cannot be undone. */
  static Optional<String> caveat(Change change) {
    if (change instanceof Change.CreateSchema c) {
      return Optional.of("schema \"" + c.name() + "\" is left in place (it may hold objects Strata does not manage)");
    } else if (change instanceof Change.DropTable c) {
      return Optional.of("recreates table \"" + c.table().name() + "\" empty: its rows are not restored");
    } else if (change instanceof Change.DropEnum c) {
      return Optional.of("recreates enum \"" + c.enumType().name() + "\"; columns that used it are restored by their own steps");
    } else if (change instanceof Change.ModifyTable c) {
      boolean lossy = c.changes().stream().anyMatch(t -> t instanceof Change.DropColumn || t instanceof Change.RecreateColumn);
      if (lossy) {
        return Optional.of("re-adds dropped or recreated columns of \"" + c.table() + "\" empty: their values are not restored");
      }
    } else if (change instanceof Change.AlterEnum c && !c.removedValues().isEmpty()) {
      return Optional.of("adds back the removed values of enum \"" + c.from().name() + "\"; rows that used them were converted or failed");
    }
    return Optional.empty();
  }
}
