package dev.strata.operation;

import dev.strata.MigrationFile;
import dev.strata.StrataConfig;
import dev.strata.diag.Diagnostic;
import dev.strata.migrate.MigrationsDirectory;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The migrations folder's migrations with their SQL and down.sql ({@code Strata.migrations()}); reads files only. */
public final class MigrationFilesOperation {
  private MigrationFilesOperation() {}

  /** Every migration of the configured folder, in the order deploy applies them; none without a folder. */
  public static List<MigrationFile> list(StrataConfig config) {
    return config.migrationsDirectory().map(MigrationsDirectory::read).map(dir -> dir.folders().stream()
        .map(f -> new MigrationFile(f.name(), f.sql(), f.downSql(), f.problems().isEmpty()
            ? Optional.<String>empty()
            : Optional.of(f.problems().stream().map(Diagnostic::message).collect(Collectors.joining("; ")))))
        .toList()).orElse(List.of());
  }
}
