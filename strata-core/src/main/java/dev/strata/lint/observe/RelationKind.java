package dev.strata.lint.observe;

/** What kind of relation a lock, rewrite or scan concerns ({@code pg_class.relkind}). */
public enum RelationKind {
  TABLE,
  PARTITIONED_TABLE,
  INDEX,
  PARTITIONED_INDEX,
  SEQUENCE,
  VIEW,
  MATERIALIZED_VIEW,
  FOREIGN_TABLE,
  OTHER;

  static RelationKind of(String relkind) {
    return switch (relkind == null ? "" : relkind) {
      case "r" -> TABLE;
      case "p" -> PARTITIONED_TABLE;
      case "i" -> INDEX;
      case "I" -> PARTITIONED_INDEX;
      case "S" -> SEQUENCE;
      case "v" -> VIEW;
      case "m" -> MATERIALIZED_VIEW;
      case "f" -> FOREIGN_TABLE;
      default -> OTHER;
    };
  }
}
