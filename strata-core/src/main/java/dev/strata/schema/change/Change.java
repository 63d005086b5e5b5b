package dev.strata.schema.change;

import dev.strata.schema.Column;
import dev.strata.schema.EnumType;
import dev.strata.schema.Extension;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.Table;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One difference between two schemas, as the differ reports it and the planner turns into SQL.
 *
 * <p>Tables, indexes and foreign keys are named by (schema, table): the planner resolves them
 * against the two schemas it is given. Objects that are created or dropped are carried whole, so a
 * change can be rendered (and reversed) without looking anything up.
 */
public sealed interface Change {

  /** A namespace that must exist ({@code CREATE SCHEMA IF NOT EXISTS}). */
  record CreateSchema(String name) implements Change {}

  /** An extension to install. */
  record CreateExtension(Extension extension) implements Change {}

  /** An extension to remove. */
  record DropExtension(Extension extension) implements Change {}

  /** An extension whose version or schema changes. */
  record AlterExtension(Extension from, Extension to) implements Change {}

  /** A new enum type. */
  record CreateEnum(EnumType enumType) implements Change {}

  /** An enum type to drop. */
  record DropEnum(EnumType enumType) implements Change {}

  /** An enum type that gains and/or loses values (values listed in the order of {@code to}/{@code from}). */
  record AlterEnum(EnumType from, EnumType to, List<String> addedValues, List<String> removedValues)
      implements Change {
    public AlterEnum {
      addedValues = List.copyOf(addedValues);
      removedValues = List.copyOf(removedValues);
    }
  }

  /** A new table (its indexes and foreign keys are separate {@link AddIndex}/{@link AddForeignKey} changes). */
  record CreateTable(Table table) implements Change {}

  /** A table to drop (its foreign keys are separate {@link DropForeignKey} changes). */
  record DropTable(Table table) implements Change {}

  /** Column and primary-key changes to one existing table, in the order they are applied. */
  record ModifyTable(String schema, String table, List<TableChange> changes) implements Change {
    public ModifyTable {
      changes = List.copyOf(changes);
    }
  }

  /** A new index on {@code table}. */
  record AddIndex(String schema, String table, Index index) implements Change {}

  /** An index to drop from {@code table}. */
  record DropIndex(String schema, String table, Index index) implements Change {}

  /** An index that only changes its name. */
  record RenameIndex(String schema, String table, Index from, Index to) implements Change {}

  /** A new foreign key on {@code table}. */
  record AddForeignKey(String schema, String table, ForeignKey foreignKey) implements Change {}

  /** A foreign key to drop from {@code table}. */
  record DropForeignKey(String schema, String table, ForeignKey foreignKey) implements Change {}

  /** A foreign key that only changes its name. */
  record RenameForeignKey(String schema, String table, ForeignKey from, ForeignKey to) implements Change {}

  /** One alteration inside a {@link ModifyTable}. */
  sealed interface TableChange {}

  /** A column to add. */
  record AddColumn(Column column) implements TableChange {}

  /** A column to drop. */
  record DropColumn(Column column) implements TableChange {}

  /**
   * A column altered in place.
   *
   * @param changes what differs
   * @param typeChange how risky the type change is, when the type changes
   */
  record AlterColumn(Column from, Column to, Set<ColumnChange> changes, Optional<TypeChange> typeChange)
      implements TableChange {
    public AlterColumn {
      changes = Set.copyOf(changes);
    }
  }

  /** A column whose type cannot be cast: dropped and added again (its data is lost). */
  record RecreateColumn(Column from, Column to, Set<ColumnChange> changes) implements TableChange {
    public RecreateColumn {
      changes = Set.copyOf(changes);
    }
  }

  /** A primary key to drop. */
  record DropPrimaryKey(PrimaryKey primaryKey) implements TableChange {}

  /** A primary key that only changes its name. */
  record RenamePrimaryKey(PrimaryKey from, PrimaryKey to) implements TableChange {}

  /** A primary key to add. */
  record AddPrimaryKey(PrimaryKey primaryKey) implements TableChange {}

  /** What can differ between two versions of a column, in the order alterations are applied. */
  enum ColumnChange {
    NULLABILITY,
    DEFAULT,
    TYPE,
    AUTOINCREMENT
  }

  /** How safely a column's data can be converted to its new type. */
  enum TypeChange {
    SAFE_CAST,
    RISKY_CAST,
    NOT_CASTABLE
  }
}
