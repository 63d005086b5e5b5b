package dev.strata.schema;

import java.util.List;

/** A primary key constraint: its name and columns in key order. */
public record PrimaryKey(String name, List<String> columns) {
  public PrimaryKey {
    columns = List.copyOf(columns);
  }
}
