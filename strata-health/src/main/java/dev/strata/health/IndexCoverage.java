package dev.strata.health;

import java.util.List;

/**
 * {@code strata health indexes}: index coverage per table (seed 001's report).
 *
 * @param tables every user table, by schema and name
 * @param coverage the share (0–100) of the lookups that need an index which have one: each foreign
 *     key, and each table's primary key
 * @param prismaNames whether model and field names come from the project's Prisma schema
 */
public record IndexCoverage(List<TableIndexes> tables, double coverage, boolean prismaNames) {
  public IndexCoverage {
    tables = List.copyOf(tables);
  }

  /**
   * One table's indexes.
   *
   * @param schema the PostgreSQL schema
   * @param table the table's name
   * @param model the Prisma model's name, or "" when the schema has no model for it
   * @param estimatedRows the planner's row estimate
   * @param hasPrimaryKey whether it has one
   * @param indexedColumns columns that lead at least one index (field names when known)
   * @param indexes every index
   * @param foreignKeys every foreign key and whether an index supports it
   * @param coverage this table's share (0–100) of needed indexes present
   */
  public record TableIndexes(
      String schema, String table, String model, long estimatedRows, boolean hasPrimaryKey, List<String> indexedColumns,
      List<IndexInfo> indexes, List<ForeignKeyInfo> foreignKeys, double coverage) {
    public TableIndexes {
      indexedColumns = List.copyOf(indexedColumns);
      indexes = List.copyOf(indexes);
      foreignKeys = List.copyOf(foreignKeys);
    }
  }

  /**
   * One index.
   *
   * @param name its name
   * @param columns its key columns (field names when known; expressions as written)
   * @param unique whether it is unique
   * @param primary whether it is the primary key
   * @param composite whether it has more than one column
   * @param scans index scans since the statistics were reset
   * @param size its size
   * @param unused never scanned, and neither unique nor backing a constraint
   * @param duplicateOf the index it duplicates exactly, or "" (the first of a group is kept)
   * @param valid false for an invalid index (failed concurrent build)
   */
  public record IndexInfo(
      String name, List<String> columns, boolean unique, boolean primary, boolean composite, long scans, String size, boolean unused,
      String duplicateOf, boolean valid) {
    public IndexInfo {
      columns = List.copyOf(columns);
    }
  }

  /**
   * One foreign key.
   *
   * @param name the constraint's name
   * @param columns its columns (field names when known)
   * @param references the referenced table (model name when known)
   * @param covered whether an index leads with its columns
   */
  public record ForeignKeyInfo(String name, List<String> columns, String references, boolean covered) {
    public ForeignKeyInfo {
      columns = List.copyOf(columns);
    }
  }
}
