package dev.strata.schema;

import java.util.List;
import java.util.Optional;

/**
 * An index, unique or not.
 *
 * @param method the access method in upper case: {@code BTREE}, {@code HASH}, {@code GIST}, {@code
 *     GIN}, {@code SPGIST}, {@code BRIN}
 * @param constraint backed by a {@code UNIQUE} constraint (rather than a bare unique index)
 * @param predicate the {@code WHERE} of a partial index, as SQL
 */
public record Index(
    String name,
    boolean unique,
    List<IndexColumn> columns,
    String method,
    Optional<String> predicate,
    boolean constraint) {

  public Index {
    columns = List.copyOf(columns);
  }

  public List<String> columnNames() {
    return columns.stream().map(IndexColumn::name).toList();
  }
}
