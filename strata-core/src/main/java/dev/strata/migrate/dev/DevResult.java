package dev.strata.migrate.dev;

import dev.strata.migrate.MigrationFolder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code migrate dev} did.
 *
 * @param outcome how it ended
 * @param reset whether the database was reset first
 * @param applied migrations applied to the database, in order (the new one included)
 * @param created the migration written, if any
 * @param downVerified whether its {@code down.sql} was verified on the shadow database
 * @param refusal why nothing was done, when the outcome is {@link Outcome#REFUSED}
 * @param lockSafe the folder name of the lock-safe migration written for existing tables, if any
 *     (the same as {@code created} when it is the only one)
 */
public record DevResult(
    Outcome outcome, boolean reset, List<String> applied, Optional<MigrationFolder> created, boolean downVerified,
    Optional<String> refusal, Optional<String> lockSafe) {
  public DevResult {
    Objects.requireNonNull(outcome, "outcome");
    applied = List.copyOf(applied);
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(refusal, "refusal");
    Objects.requireNonNull(lockSafe, "lockSafe");
  }

  /** A result without a lock-safe migration. */
  public DevResult(Outcome outcome, boolean reset, List<String> applied, Optional<MigrationFolder> created, boolean downVerified,
      Optional<String> refusal) {
    this(outcome, reset, applied, created, downVerified, refusal, Optional.empty());
  }

  /** How a run ended. */
  public enum Outcome {
    /** Nothing to do: no pending migration and no schema change. */
    IN_SYNC,
    /** Pending migrations were applied, no new migration was needed. */
    APPLIED,
    /** A new migration was written (and applied unless {@code --create-only}). */
    CREATED,
    /** Stopped before changing anything: a reset or data loss needed a confirmation that was not given. */
    REFUSED
  }

  static DevResult refused(String why) {
    return new DevResult(Outcome.REFUSED, false, List.of(), Optional.empty(), false, Optional.of(why));
  }
}
