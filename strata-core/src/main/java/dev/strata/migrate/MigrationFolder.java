package dev.strata.migrate;

import dev.strata.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One folder of a Prisma migrations directory: its name (the migration's name), its path, the
 * text of its {@code migration.sql} exactly as stored (line endings untouched), Strata's optional
 * {@code down.sql} beside it, and the problems found reading it.
 */
public record MigrationFolder(
    String name, Path path, Optional<String> sql, Optional<String> downSql, List<Diagnostic> problems) {
  /** The migration script's file name. */
  public static final String MIGRATION_FILE = "migration.sql";
  /** Strata's reverse script, kept beside Prisma's file. */
  public static final String DOWN_FILE = "down.sql";

  public MigrationFolder {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(downSql, "downSql");
    problems = List.copyOf(problems);
  }

  /** The path of {@code migration.sql}. */
  public Path migrationFile() {
    return path.resolve(MIGRATION_FILE);
  }

  /** Prisma's checksum of {@code migration.sql} (see {@link MigrationChecksum}), when the file was read. */
  public Optional<String> checksum() {
    return sql.map(MigrationChecksum::of);
  }

  /** The statements of {@code migration.sql} (none when it is missing). */
  public List<SqlStatement> statements() {
    return sql.map(SqlSplitter::split).orElse(List.of());
  }

  /** Whether reading the folder produced an error (a warning does not count). */
  public boolean hasErrors() {
    return problems.stream().anyMatch(Diagnostic::isError);
  }
}
