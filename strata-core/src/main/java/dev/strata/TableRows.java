package dev.strata;

import java.util.Objects;

/**
 * A table and how many rows it holds: what a reset drops ({@link ResetPreview#dropped()}, {@link
 * PushPreview#dropped()}).
 */
public record TableRows(String schema, String table, long rows) {
  public TableRows {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
  }

  /** {@code "public"."User"} as shown to the user: {@code User}, or {@code schema.User} outside {@code public}. */
  public String displayName() {
    return schema.equals("public") ? table : schema + "." + table;
  }

  /** {@code User (3 rows)}, the schema shown only when it is not {@code defaultSchema}. */
  public String describe(String defaultSchema) {
    String name = schema.equals(defaultSchema) ? table : schema + "." + table;
    return name + " (" + rows + (rows == 1 ? " row)" : " rows)");
  }
}
