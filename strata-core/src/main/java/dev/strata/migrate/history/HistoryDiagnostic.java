package dev.strata.migrate.history;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the migrations directory and the history table relate, as Prisma's {@code
 * diagnoseMigrationHistory} classifies it: walking both in order (folders in Prisma's order, rows
 * by {@code started_at}, rolled-back rows left out), the first difference decides.
 */
public sealed interface HistoryDiagnostic {
  /** Both histories are the same list of migrations. */
  record InSync() implements HistoryDiagnostic {}

  /** The database has every migration so far; the directory has more, not yet applied. */
  record DatabaseIsBehind(List<String> unappliedMigrationNames) implements HistoryDiagnostic {
    public DatabaseIsBehind {
      unappliedMigrationNames = List.copyOf(unappliedMigrationNames);
    }
  }

  /** The directory has every migration the database has; the database has more (missing on disk). */
  record MigrationsDirectoryIsBehind(List<String> unpersistedMigrationNames) implements HistoryDiagnostic {
    public MigrationsDirectoryIsBehind {
      unpersistedMigrationNames = List.copyOf(unpersistedMigrationNames);
    }
  }

  /** The histories agree up to a point, then each has migrations the other has not. */
  record HistoriesDiverge(Optional<String> lastCommonMigrationName, List<String> unpersistedMigrationNames,
      List<String> unappliedMigrationNames) implements HistoryDiagnostic {
    public HistoriesDiverge {
      Objects.requireNonNull(lastCommonMigrationName, "lastCommonMigrationName");
      unpersistedMigrationNames = List.copyOf(unpersistedMigrationNames);
      unappliedMigrationNames = List.copyOf(unappliedMigrationNames);
    }
  }

  /** Prisma's walk: the first position where the names differ, or where one list ends, decides. */
  static HistoryDiagnostic of(List<String> folders, List<String> applied) {
    Optional<String> lastCommon = Optional.empty();
    int i = 0;
    while (true) {
      boolean fs = i < folders.size();
      boolean db = i < applied.size();
      if (fs && db && folders.get(i).equals(applied.get(i))) {
        lastCommon = Optional.of(folders.get(i));
        i++;
      } else if (fs && db) {
        return new HistoriesDiverge(lastCommon, applied.subList(i, applied.size()), folders.subList(i, folders.size()));
      } else if (fs) {
        return new DatabaseIsBehind(folders.subList(i, folders.size()));
      } else if (db) {
        return new MigrationsDirectoryIsBehind(applied.subList(i, applied.size()));
      } else {
        return new InSync();
      }
    }
  }
}
