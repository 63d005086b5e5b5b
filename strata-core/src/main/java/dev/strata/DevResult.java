package dev.strata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Strata#migrateDev(DevRequest, DevConsole)} did.
 *
 * @param outcome how it ended
 * @param reset whether the database was reset first
 * @param applied migrations applied to the database, in order (the new one included)
 * @param created the folder name of the migration written, if any
 * @param downVerified whether its {@code down.sql} was verified on the shadow database
 * @param refusal why nothing was done, when the outcome is {@link Outcome#REFUSED}
 * @param seed the seed that ran after a reset (empty when there was none, it was skipped, or the project has none)
 * @param lockSafe the folder name of the lock-safe migration written for tables that already existed
 *     (indexes {@code CONCURRENTLY}, {@code NOT VALID} then {@code VALIDATE}), if any: the second
 *     migration after {@code created}, or {@code created} itself when it is the only one
 * @param lint the lint of the migration(s) written ({@code created} and {@code lockSafe}), as {@code
 *     strata migrate lint} judges them with the target's table sizes; empty when none was written.
 *     Its findings do not change the outcome ({@code strata migrate deploy} refuses error-level ones)
 */
public record DevResult(
    Outcome outcome, boolean reset, List<String> applied, Optional<String> created, boolean downVerified, Optional<String> refusal,
    Optional<SeedOutcome> seed, Optional<String> lockSafe, Optional<LintResult> lint) {
  public DevResult {
    Objects.requireNonNull(outcome, "outcome");
    applied = List.copyOf(applied);
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(refusal, "refusal");
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(lockSafe, "lockSafe");
    Objects.requireNonNull(lint, "lint");
  }

  /** A result without lint. */
  public DevResult(Outcome outcome, boolean reset, List<String> applied, Optional<String> created, boolean downVerified,
      Optional<String> refusal, Optional<SeedOutcome> seed, Optional<String> lockSafe) {
    this(outcome, reset, applied, created, downVerified, refusal, seed, lockSafe, Optional.empty());
  }

  /** A result without a seed or a lock-safe migration. */
  public DevResult(Outcome outcome, boolean reset, List<String> applied, Optional<String> created, boolean downVerified,
      Optional<String> refusal) {
    this(outcome, reset, applied, created, downVerified, refusal, Optional.empty(), Optional.empty());
  }

  /** This result with the seed that ran after its reset. */
  public DevResult withSeed(Optional<SeedOutcome> value) {
    return new DevResult(outcome, reset, applied, created, downVerified, refusal, value, lockSafe, lint);
  }

  /** This result with the lock-safe migration written for tables that already existed. */
  public DevResult withLockSafe(Optional<String> value) {
    return new DevResult(outcome, reset, applied, created, downVerified, refusal, seed, value, lint);
  }

  /** This result with the lint of the migration(s) written. */
  public DevResult withLint(Optional<LintResult> value) {
    return new DevResult(outcome, reset, applied, created, downVerified, refusal, seed, lockSafe, value);
  }

  /** How a run ended. */
  public enum Outcome {
    /** Nothing to do: no pending migration and no schema change. */
    IN_SYNC,
    /** Pending migrations were applied, no new migration was needed. */
    APPLIED,
    /** A new migration was written (and applied unless {@code createOnly}). */
    CREATED,
    /** Stopped before changing anything: a reset or data loss needed a confirmation that was not given. */
    REFUSED
  }
}
