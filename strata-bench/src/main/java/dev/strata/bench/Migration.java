package dev.strata.bench;

import java.util.Objects;
import dev.strata.migrate.SqlSplitter;

/** One migration of a benchmark history: its Prisma folder name and its SQL, byte for byte. */
public record Migration(String name, String sql) {
  public Migration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sql, "sql");
  }

  /** The name reduced to letters, digits and underscores, for tools that put it in a file name. */
  public String slug() {
    String slug = name.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return slug.isEmpty() ? "migration" : slug;
  }

  /**
   * Whether a tool must not wrap the file in a transaction of its own: it holds a statement
   * PostgreSQL refuses inside one (CREATE INDEX CONCURRENTLY, …) or its own BEGIN/COMMIT
   * (classified by Strata's splitter, which handles quoting and dollar bodies).
   */
  public boolean needsNoTransaction() {
    return SqlSplitter.split(sql).stream().anyMatch(st -> st.needsNoTransaction() || st.isTransactionControl());
  }
}
