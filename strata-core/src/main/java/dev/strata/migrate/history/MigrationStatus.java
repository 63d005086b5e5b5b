package dev.strata.migrate.history;

import dev.strata.OutOfOrderMigration;
import dev.strata.StatusResult;
import dev.strata.migrate.MigrationChecksum;
import dev.strata.migrate.MigrationFolder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The state of every migration, comparing the migrations directory with the history table: the
 * same classification as Prisma's {@code diagnoseMigrationHistory} (the history walk, failed and
 * edited migrations, whether the table exists), plus one entry per migration for display, the
 * checksums of edited migrations, and the migrations that are out of order (which Prisma applies
 * without a word).
 */
public record MigrationStatus(
    boolean hasMigrationsTable,
    List<Entry> entries,
    HistoryDiagnostic history,
    List<String> failedMigrationNames,
    List<String> editedMigrationNames,
    List<StatusResult.Edit> edits,
    List<OutOfOrderMigration> outOfOrder) {

  /**
   * One migration: its position (1-based), name, the timestamp prefix of its name when it has
   * one, its state, and the row that decided the state (the latest that counts).
   */
  public record Entry(int number, String name, StatusResult.State state, Optional<MigrationRecord> record) {
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(record, "record");
    }

    /** The leading digits of the name ({@code 20240101120000} of {@code 20240101120000_init}), if any. */
    public Optional<String> timestamp() {
      int end = 0;
      while (end < name.length() && Character.isDigit(name.charAt(end))) {
        end++;
      }
      return end == 0 ? Optional.empty() : Optional.of(name.substring(0, end));
    }

    /** When it finished applying. */
    public Optional<Instant> appliedAt() {
      return record.flatMap(MigrationRecord::finishedAt);
    }

    /** How long applying took. */
    public Optional<Duration> duration() {
      return record.flatMap(MigrationRecord::duration);
    }
  }

  public MigrationStatus {
    entries = List.copyOf(entries);
    Objects.requireNonNull(history, "history");
    failedMigrationNames = List.copyOf(failedMigrationNames);
    editedMigrationNames = List.copyOf(editedMigrationNames);
    edits = List.copyOf(edits);
    outOfOrder = List.copyOf(outOfOrder);
  }

  /**
   * Compares the folders (in Prisma's order) with the table's rows (ordered by {@code
   * started_at}); {@code hasMigrationsTable} false means the table is missing (no rows).
   */
  public static MigrationStatus of(List<MigrationFolder> folders, List<MigrationRecord> rows, boolean hasMigrationsTable) {
    List<String> folderNames = folders.stream().map(MigrationFolder::name).toList();
    List<MigrationRecord> counted = rows.stream().filter(r -> !r.isRolledBack()).toList();
    HistoryDiagnostic history = HistoryDiagnostic.of(folderNames, counted.stream().map(MigrationRecord::migrationName).toList());

    List<String> failed = counted.stream().filter(MigrationRecord::isFailed).map(MigrationRecord::migrationName).toList();
    Set<String> edited = new LinkedHashSet<>();
    List<StatusResult.Edit> edits = new ArrayList<>();
    for (MigrationRecord row : counted) {
      if (row.finishedAt().isEmpty()) {
        continue;
      }
      for (MigrationFolder folder : folders) {
        if (folder.name().equals(row.migrationName()) && folder.sql().isPresent()
            && !MigrationChecksum.matches(row.checksum(), folder.sql().get()) && edited.add(row.migrationName())) {
          edits.add(new StatusResult.Edit(row.migrationName(), row.checksum(), MigrationChecksum.of(folder.sql().get())));
        }
      }
    }

    List<Entry> entries = new ArrayList<>();
    for (MigrationFolder folder : folders) {
      entries.add(entry(entries.size() + 1, folder.name(), rows, edited.contains(folder.name())));
    }
    Set<String> missing = new LinkedHashSet<>();
    for (MigrationRecord row : counted) {
      if (!folderNames.contains(row.migrationName())) {
        missing.add(row.migrationName());
      }
    }
    for (String name : missing) {
      Optional<MigrationRecord> latest = latest(rows, name, r -> !r.isRolledBack());
      boolean failedRow = latest.filter(MigrationRecord::isFailed).isPresent();
      entries.add(new Entry(entries.size() + 1, name, failedRow ? StatusResult.State.FAILED : StatusResult.State.MISSING_ON_DISK, latest));
    }
    return new MigrationStatus(hasMigrationsTable, entries, history, failed, List.copyOf(edited), edits,
        outOfOrder(folderNames, counted, entries));
  }

  /**
   * Applied migrations whose folder sorts before one applied earlier (rows by {@code started_at}),
   * then pending ones whose folder sorts before the last folder with a row that counts.
   */
  private static List<OutOfOrderMigration> outOfOrder(List<String> folderNames, List<MigrationRecord> counted, List<Entry> entries) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < folderNames.size(); i++) {
      index.putIfAbsent(folderNames.get(i), i);
    }
    List<OutOfOrderMigration> found = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int latest = -1;
    for (MigrationRecord row : counted) {
      Integer at = index.get(row.migrationName());
      if (at == null || !seen.add(row.migrationName())) {
        continue;
      }
      if (at < latest) {
        found.add(new OutOfOrderMigration(row.migrationName(), folderNames.get(latest), true));
      } else {
        latest = at;
      }
    }
    if (latest >= 0) {
      for (Entry entry : entries) {
        Integer at = index.get(entry.name());
        if ((entry.state() == StatusResult.State.PENDING || entry.state() == StatusResult.State.ROLLED_BACK) && at != null && at < latest) {
          found.add(new OutOfOrderMigration(entry.name(), folderNames.get(latest), false));
        }
      }
    }
    return found;
  }

  /** The pending migrations that sort before an applied one: deploy applies them out of order. */
  public List<OutOfOrderMigration> pendingOutOfOrder() {
    return outOfOrder.stream().filter(o -> !o.applied()).toList();
  }

  /** The applied migrations that were applied after one that sorts after them. */
  public List<OutOfOrderMigration> appliedOutOfOrder() {
    return outOfOrder.stream().filter(OutOfOrderMigration::applied).toList();
  }

  private static Entry entry(int number, String name, List<MigrationRecord> rows, boolean edited) {
    Optional<MigrationRecord> failed = latest(rows, name, MigrationRecord::isFailed);
    if (failed.isPresent()) {
      return new Entry(number, name, StatusResult.State.FAILED, failed);
    }
    Optional<MigrationRecord> applied = latest(rows, name, MigrationRecord::isApplied);
    if (applied.isPresent()) {
      return new Entry(number, name, edited ? StatusResult.State.MODIFIED : StatusResult.State.APPLIED, applied);
    }
    Optional<MigrationRecord> rolledBack = latest(rows, name, MigrationRecord::isRolledBack);
    if (rolledBack.isPresent()) {
      return new Entry(number, name, StatusResult.State.ROLLED_BACK, rolledBack);
    }
    return new Entry(number, name, StatusResult.State.PENDING, Optional.empty());
  }

  private static Optional<MigrationRecord> latest(List<MigrationRecord> rows, String name, Predicate<MigrationRecord> which) {
    MigrationRecord found = null;
    for (MigrationRecord row : rows) {
      if (row.migrationName().equals(name) && which.test(row)) {
        found = row;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The migrations in the directory that {@code migrate deploy} would apply: those without a row that counts. */
  public List<String> pendingMigrationNames() {
    return entries.stream().filter(e -> e.state() == StatusResult.State.PENDING || e.state() == StatusResult.State.ROLLED_BACK).map(Entry::name).toList();
  }

  /** Entries in a state. */
  public List<Entry> entries(StatusResult.State state) {
    return entries.stream().filter(e -> e.state() == state).toList();
  }

  /**
   * Whether Prisma's {@code migrate status} exits 0: the table exists, the database is not behind,
   * the histories do not diverge and nothing failed. (A directory behind the database is not
   * special-cased by Prisma and counts as up to date.)
   */
  public boolean isUpToDate() {
    return hasMigrationsTable
        && !(history instanceof HistoryDiagnostic.DatabaseIsBehind)
        && !(history instanceof HistoryDiagnostic.HistoriesDiverge)
        && failedMigrationNames.isEmpty();
  }
}
