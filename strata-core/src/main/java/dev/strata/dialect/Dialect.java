package dev.strata.dialect;

import dev.strata.schema.ColumnType;
import java.util.Optional;

/** The narrow hook the generic differ and planner are parameterised by (one per database). */
public interface Dialect {

  /** A short name ({@code postgresql}). */
  String name();

  /** Type comparisons. */
  TypeMapper typeMapper();

  /** DDL rendering. */
  DdlRenderer ddlRenderer();

  /** Tables the tool never creates, drops or alters (its own bookkeeping, extension catalogs). */
  default boolean ignoresTable(String tableName) {
    return tableName.equals("_prisma_migrations");
  }

  /**
   * The operator class an index key of {@code type} gets under {@code method} when none is written,
   * in lower case; empty when the database has none (or the dialect does not know). The differ
   * treats "no operator class" and this one as the same index: introspection leaves the default
   * out while a schema may spell it (Prisma's {@code ops: ArrayOps} on a GIN index).
   */
  default Optional<String> defaultOperatorClass(String method, ColumnType type) {
    return Optional.empty();
  }
}
