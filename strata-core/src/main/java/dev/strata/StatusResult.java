package dev.strata;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Strata#status()} found, as {@code migrate status}: whether the database is up to date
 * with the migrations directory, the migrations by state, and the details the command shows.
 *
 * @param upToDate Prisma's verdict (exit code 0 of {@code migrate status})
 * @param hasMigrationsTable whether {@code _prisma_migrations} exists
 * @param applied finished migrations, in directory order
 * @param pending migrations {@code deploy} would apply
 * @param failed migrations that started and never finished
 * @param modified applied migrations whose {@code migration.sql} changed since
 * @param missingOnDisk migrations recorded in the database with no folder
 * @param found how many migrations the directory holds
 * @param entries every migration with its state, in display order
 * @param history Prisma's comparison of the directory with the table
 * @param failedMigrationNames the failed migrations as Prisma lists them
 * @param editedMigrationNames the applied migrations whose file changed, as Prisma lists them
 * @param edits those migrations with both checksums
 * @param outOfOrder migrations out of order, pending or applied
 */
public record StatusResult(
    boolean upToDate,
    boolean hasMigrationsTable,
    List<String> applied,
    List<String> pending,
    List<String> failed,
    List<String> modified,
    List<String> missingOnDisk,
    int found,
    List<Entry> entries,
    History history,
    List<String> failedMigrationNames,
    List<String> editedMigrationNames,
    List<Edit> edits,
    List<OutOfOrderMigration> outOfOrder) {
  public StatusResult {
    applied = List.copyOf(applied);
    pending = List.copyOf(pending);
    failed = List.copyOf(failed);
    modified = List.copyOf(modified);
    missingOnDisk = List.copyOf(missingOnDisk);
    entries = List.copyOf(entries);
    Objects.requireNonNull(history, "history");
    failedMigrationNames = List.copyOf(failedMigrationNames);
    editedMigrationNames = List.copyOf(editedMigrationNames);
    edits = List.copyOf(edits);
    outOfOrder = List.copyOf(outOfOrder);
  }

  /** The pending migrations that sort before an applied one: deploy applies them out of order. */
  public List<OutOfOrderMigration> pendingOutOfOrder() {
    return outOfOrder.stream().filter(o -> !o.applied()).toList();
  }

  /** The applied migrations that were applied after one that sorts after them. */
  public List<OutOfOrderMigration> appliedOutOfOrder() {
    return outOfOrder.stream().filter(OutOfOrderMigration::applied).toList();
  }

  /** The entries in {@code state}. */
  public List<Entry> entries(State state) {
    return entries.stream().filter(e -> e.state() == state).toList();
  }

  /** A migration's state in the status table. */
  public enum State {
    /** Finished and not rolled back; the file is unchanged. */
    APPLIED("applied"),
    /** In the directory, with no row that counts. */
    PENDING("pending"),
    /** Started and never finished nor rolled back. */
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
   * One migration: its position (1-based), name, the leading digits of its name (if any), its state,
   * and from the row that decided the state: when it started and finished, how long it took, and its
   * logs.
   */
  public record Entry(int number, String name, Optional<String> timestamp, State state, Optional<Instant> startedAt,
      Optional<Instant> appliedAt, Optional<Duration> duration, Optional<String> logs) {
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(timestamp, "timestamp");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(startedAt, "startedAt");
      Objects.requireNonNull(appliedAt, "appliedAt");
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(logs, "logs");
    }
  }

  /** An applied migration whose {@code migration.sql} changed since: the checksum recorded when applied, and the file's now. */
  public record Edit(String name, String recordedChecksum, String currentChecksum) {
    /** The diagnostic code of a migration modified after it was applied ({@code strata explain} it). */
    public static final String CODE = dev.strata.migrate.MigrateCodes.MODIFIED_AFTER_APPLYING;

    public Edit {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(recordedChecksum, "recordedChecksum");
      Objects.requireNonNull(currentChecksum, "currentChecksum");
    }
  }

  /**
   * Prisma's comparison of the directory with the table ({@code diagnoseMigrationHistory}): the
   * kind, and the names it reports (empty lists when the kind has none).
   */
  public record History(Kind kind, Optional<String> lastCommonMigrationName, List<String> unappliedMigrationNames,
      List<String> unpersistedMigrationNames) {
    public History {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(lastCommonMigrationName, "lastCommonMigrationName");
      unappliedMigrationNames = List.copyOf(unappliedMigrationNames);
      unpersistedMigrationNames = List.copyOf(unpersistedMigrationNames);
    }

    /** The kinds of comparison result. */
    public enum Kind {
      IN_SYNC,
      DATABASE_IS_BEHIND,
      MIGRATIONS_DIRECTORY_IS_BEHIND,
      HISTORIES_DIVERGE
    }
  }
}
