package dev.strata.lint.observe;

import java.util.Objects;

/** A relation (table, index, sequence, view…) by schema and name, as it was named when observed. */
public record Relation(String schema, String name, RelationKind kind) {
  public Relation {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }

  /** {@code schema.name}, unquoted. */
  public String qualifiedName() {
    return schema + "." + name;
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
