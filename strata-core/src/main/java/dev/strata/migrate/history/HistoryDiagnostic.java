package dev.strata.migrate.history;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the migrations directory and the history table relate, as Prisma's {@code
 * diagnoseMigrationHistory} classifies it: which folders have no row that counts (rolled-back rows
 * left out), and which rows have no folder.
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

  /** Each side has migrations the other has not; the last common one is the folder before the first unapplied. */
  record HistoriesDiverge(Optional<String> lastCommonMigrationName, List<String> unpersistedMigrationNames,
      List<String> unappliedMigrationNames) implements HistoryDiagnostic {
    public HistoriesDiverge {
      Objects.requireNonNull(lastCommonMigrationName, "lastCommonMigrationName");
      unpersistedMigrationNames = List.copyOf(unpersistedMigrationNames);
      unappliedMigrationNames = List.copyOf(unappliedMigrationNames);
    }
  }

  /**
   * Prisma's classification (its {@code diagnoseMigrationHistory}, checked against Prisma 7): by
   * name, not by position. The folders with no row that counts are unapplied, the rows with no
   * folder unpersisted; the last common migration is the folder just before the first unapplied
   * one. A migration applied out of order (its folder sorts before one applied earlier) is
   * therefore in sync, as in Prisma, not a divergence.
   */
  static HistoryDiagnostic of(List<String> folders, List<String> applied) {
    Set<String> appliedNames = new HashSet<>(applied);
    Set<String> folderNames = new HashSet<>(folders);
    List<String> unapplied = new ArrayList<>();
    int firstUnapplied = -1;
    for (int i = 0; i < folders.size(); i++) {
      if (!appliedNames.contains(folders.get(i))) {
        if (firstUnapplied < 0) {
          firstUnapplied = i;
        }
        unapplied.add(folders.get(i));
      }
    }
    List<String> unpersisted = applied.stream().filter(name -> !folderNames.contains(name)).distinct().toList();
    if (unapplied.isEmpty() && unpersisted.isEmpty()) {
      return new InSync();
    }
    if (unpersisted.isEmpty()) {
      return new DatabaseIsBehind(unapplied);
    }
    if (unapplied.isEmpty()) {
      return new MigrationsDirectoryIsBehind(unpersisted);
    }
    Optional<String> lastCommon = firstUnapplied > 0 ? Optional.of(folders.get(firstUnapplied - 1)) : Optional.empty();
    return new HistoriesDiverge(lastCommon, unpersisted, unapplied);
  }
}
