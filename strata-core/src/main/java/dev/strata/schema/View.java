package dev.strata.schema;

import java.util.List;
import java.util.Objects;

/**
 * A view: kept in the IR (introspection, drift reports, {@code db pull}) but never migrated, as
 * in Prisma. Its columns are what the database reports for them (a view's columns are always
 * nullable to PostgreSQL); a view lowered from a Prisma schema has an empty definition and no columns.
 */
public record View(String schema, String name, String definition, List<Column> columns) {
  public View {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(definition, "definition");
    columns = List.copyOf(columns);
  }

  /** A view known by name only (from a Prisma schema). */
  public View(String schema, String name, String definition) {
    this(schema, name, definition, List.of());
  }
}
