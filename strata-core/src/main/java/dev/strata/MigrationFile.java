package dev.strata;

import java.util.Objects;
import java.util.Optional;

/**
 * One folder of the migrations directory as {@link Strata#migrations()} reads it.
 *
 * @param name the migration's name (its folder)
 * @param sql the text of its {@code migration.sql} (empty when missing or unreadable: see {@code problem})
 * @param downSql the text of Strata's {@code down.sql} beside it, when there is one
 * @param problem why the folder cannot be read or applied, when it cannot
 */
public record MigrationFile(String name, Optional<String> sql, Optional<String> downSql, Optional<String> problem) {
  public MigrationFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(downSql, "downSql");
    Objects.requireNonNull(problem, "problem");
  }
}
