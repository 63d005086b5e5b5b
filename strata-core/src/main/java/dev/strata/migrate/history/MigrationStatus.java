package dev.strata.migrate.history;

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
    List<Edit> edits,
    List<OutOfOrder> outOfOrder) {

  /** An applied migration whose {@code migration.sql} changed since: the checksum recorded when it was applied, and the file's now. */
  public record Edit(String name, String recordedChecksum, String currentChecksum) {
    public Edit {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(recordedChecksum, "recordedChecksum");
      Objects.requireNonNull(currentChecksum, "currentChecksum");
    }
  }

  /**
   * A migration out of order: its folder sorts before {@code sortsBefore}, a migration that was
   * applied before it ({@code applied}) or that is applied while it is still pending (then deploy
   * will apply it after a later-dated migration, as Prisma does).
   */
  public record OutOfOrder(String name, String sortsBefore, boolean applied) {
    public OutOfOrder {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sortsBefore, "sortsBefore");
    }
  }

  /** What one migration is, seen from both sides. */
  public enum State {
    /** Finished and not rolled back; the file is unchanged. */
    APPLIED("applied"),
    /** In the directory, with no row that counts. */
    PENDING("pending"),
    /** Started and never finished nor rolled back: failed, or interrupted (Prisma counts both as failed). */
    FAILED("failed"),
    /** Its only rows were rolled back with {@code resolve --rolled-back}: it will be applied again. */
    ROLLED_BACK("rolled back"),
    /** Applied, but {@code migration.sql} changed since (checksum mismatch). */
    MODIFIED("modified after applying"),
    /** Recorded as applied in the database, but no folder of that name exists. */
    MISSING_ON_DISK("applied, missing on disk");

    private final String label;

    State(String label) {
      this.label = label;
    }

    /** The words shown in the status table. */
    public String label() {
      return label;
    }
  }

  /**
   * One migration: its position (1-based), name, the timestamp prefix of its name when it has
   * one, its state, and the row that decided the state (the latest that counts).
   */
  public record Entry(int number, String name, State state, Optional<MigrationRecord> record) {
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
    List<Edit> edits = new ArrayList<>();
    for (MigrationRecord row : counted) {
      if (row.finishedAt().isEmpty()) {
        continue;
      }
      for (MigrationFolder folder : folders) {
        if (folder.name().equals(row.migrationName()) && folder.sql().isPresent()
            && !MigrationChecksum.matches(row.checksum(), folder.sql().get()) && edited.add(row.migrationName())) {
          edits.add(new Edit(row.migrationName(), row.checksum(), MigrationChecksum.of(folder.sql().get())));
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
      entries.add(new Entry(entries.size() + 1, name, failedRow ? State.FAILED : State.MISSING_ON_DISK, latest));
    }
    return new MigrationStatus(hasMigrationsTable, entries, history, failed, List.copyOf(edited), edits,
        outOfOrder(folderNames, counted, entries));
  }

  /**
   * Applied migrations whose folder sorts before one applied earlier (rows by {@code started_at}),
   * then pending ones whose folder sorts before the last folder with a row that counts.
   */
  private static List<OutOfOrder> outOfOrder(List<String> folderNames, List<MigrationRecord> counted, List<Entry> entries) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < folderNames.size(); i++) {
      index.putIfAbsent(folderNames.get(i), i);
    }
    List<OutOfOrder> found = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int latest = -1;
    for (MigrationRecord row : counted) {
      Integer at = index.get(row.migrationName());
      if (at == null || !seen.add(row.migrationName())) {
        continue;
      }
      if (at < latest) {
        found.add(new OutOfOrder(row.migrationName(), folderNames.get(latest), true));
      } else {
        latest = at;
      }
    }
    if (latest >= 0) {
      for (Entry entry : entries) {
        Integer at = index.get(entry.name());
        if ((entry.state() == State.PENDING || entry.state() == State.ROLLED_BACK) && at != null && at < latest) {
          found.add(new OutOfOrder(entry.name(), folderNames.get(latest), false));
        }
      }
    }
    return found;
  }

  /** The pending migrations that sort before an applied one: deploy applies them out of order. */
  public List<OutOfOrder> pendingOutOfOrder() {
    return outOfOrder.stream().filter(o -> !o.applied()).toList();
  }

  /** The applied migrations that were applied after one that sorts after them. */
  public List<OutOfOrder> appliedOutOfOrder() {
    return outOfOrder.stream().filter(OutOfOrder::applied).toList();
  }

  private static Entry entry(int number, String name, List<MigrationRecord> rows, boolean edited) {
    Optional<MigrationRecord> failed = latest(rows, name, MigrationRecord::isFailed);
    if (failed.isPresent()) {
      return new Entry(number, name, State.FAILED, failed);
    }
    Optional<MigrationRecord> applied = latest(rows, name, MigrationRecord::isApplied);
    if (applied.isPresent()) {
      return new Entry(number, name, edited ? State.MODIFIED : State.APPLIED, applied);
    }
    Optional<MigrationRecord> rolledBack = latest(rows, name, MigrationRecord::isRolledBack);
    if (rolledBack.isPresent()) {
      return new Entry(number, name, State.ROLLED_BACK, rolledBack);
    }
    return new Entry(number, name, State.PENDING, Optional.empty());
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
    return entries.stream().filter(e -> e.state() == State.PENDING || e.state() == State.ROLLED_BACK).map(Entry::name).toList();
  }

  /** Entries in a state. */
  public List<Entry> entries(State state) {
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
