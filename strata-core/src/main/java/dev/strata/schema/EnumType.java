package dev.strata.schema;

import java.util.List;

/** A PostgreSQL enum type and its values, in order. */
public record EnumType(String schema, String name, List<String> values) {
  public EnumType {
    values = List.copyOf(values);
  }
}
