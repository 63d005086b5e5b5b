package dev.strata.postgres;

/** PostgreSQL identifiers in SQL text. */
public final class PgIdentifiers {
  private PgIdentifiers() {}

  /** {@code name} as a quoted identifier: in double quotes, inner double quotes doubled. */
  public static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
