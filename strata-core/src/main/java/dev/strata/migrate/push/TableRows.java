package dev.strata.migrate.push;

import java.util.Objects;

/** A table and how many rows it holds: what a reset would destroy. */
public record TableRows(String schema, String table, long rows) {
  public TableRows {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
  }

  /** {@code "public"."User"} as shown to the user: {@code User}, or {@code schema.User} outside {@code public}. */
  public String displayName() {
    return schema.equals("public") ? table : schema + "." + table;
  }
}
