package dev.strata.schema;

import java.util.Optional;

/**
 * One key of an index: a column (or, for expression indexes, an expression in {@code name} with
 * {@code expression} set), its sort order and operator class.
 */
public record IndexColumn(
    String name, boolean expression, Optional<SortOrder> sort, Optional<String> operatorClass) {

  /** Sort direction of an index key. */
  public enum SortOrder {
    ASC,
    DESC
  }

  public static IndexColumn of(String column) {
    return new IndexColumn(column, false, Optional.empty(), Optional.empty());
  }
}
