package dev.strata.schema;

import java.util.List;
import java.util.Optional;

/**
 * A table: columns in their database order, primary key, indexes (unique ones included), foreign
 * keys and check constraints.
 */
public record Table(
    String schema,
    String name,
    List<Column> columns,
    Optional<PrimaryKey> primaryKey,
    List<Index> indexes,
    List<ForeignKey> foreignKeys,
    List<CheckConstraint> checks,
    Optional<String> comment) {

  public Table {
    columns = List.copyOf(columns);
    indexes = List.copyOf(indexes);
    foreignKeys = List.copyOf(foreignKeys);
    checks = List.copyOf(checks);
  }

  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  public Table withColumns(List<Column> newColumns) {
    return new Table(schema, name, newColumns, primaryKey, indexes, foreignKeys, checks, comment);
  }

  public Table withIndexes(List<Index> newIndexes) {
    return new Table(schema, name, columns, primaryKey, newIndexes, foreignKeys, checks, comment);
  }

  public Table withForeignKeys(List<ForeignKey> newForeignKeys) {
    return new Table(schema, name, columns, primaryKey, indexes, newForeignKeys, checks, comment);
  }

  public Table withPrimaryKey(Optional<PrimaryKey> newPrimaryKey) {
    return new Table(schema, name, columns, newPrimaryKey, indexes, foreignKeys, checks, comment);
  }
}
