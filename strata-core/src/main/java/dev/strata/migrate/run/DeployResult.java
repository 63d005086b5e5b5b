package dev.strata.migrate.run;

import dev.strata.OutOfOrderMigration;
import dev.strata.migrate.MigrationFailure;
import dev.strata.migrate.history.MigrationStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code migrate deploy} did: how many migrations the directory has, those it applied (in
 * order), the failure that stopped it (then recorded as a failed row), the migration it stopped
 * at without applying or recording anything of it (a lock timeout that outlasted the retries, an
 * interruption), whether it was interrupted ({@link dev.strata.Cancellation}), whether it created the
 * history table, how long it took (waiting for the lock included), and the migrations it applied
 * out of order (dated before one already applied).
 */
public record DeployResult(int found, List<MigrationOutcome> applied, Optional<MigrationFailure> failure,
    Optional<String> failureLogs, Optional<NotApplied> notApplied, boolean interrupted, boolean createdHistoryTable,
    Duration elapsed, List<OutOfOrderMigration> outOfOrder) {
  public DeployResult {
    applied = List.copyOf(applied);
    outOfOrder = List.copyOf(outOfOrder);
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(failureLogs, "failureLogs");
    Objects.requireNonNull(notApplied, "notApplied");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** A run that was not interrupted, stopped at no unapplied migration and applied nothing out of order. */
  public DeployResult(int found, List<MigrationOutcome> applied, Optional<MigrationFailure> failure,
      Optional<String> failureLogs, boolean createdHistoryTable, Duration elapsed) {
    this(found, applied, failure, failureLogs, Optional.empty(), false, createdHistoryTable, elapsed, List.of());
  }

  /** This result, with the migrations it applied out of order. */
  public DeployResult withOutOfOrder(List<OutOfOrderMigration> names) {
    return new DeployResult(found, applied, failure, failureLogs, notApplied, interrupted, createdHistoryTable, elapsed, names);
  }

  /** Whether every pending migration was applied. */
  public boolean succeeded() {
    return failure.isEmpty() && notApplied.isEmpty() && !interrupted;
  }

  /**
   * A migration the run stopped at, of which nothing was applied or recorded: the next deploy
   * applies it. {@code detail} is the database's last error, {@code blockers} the sessions its
   * statement waited for on the last attempt (from {@link BlockerWatch}; empty when none was seen).
   */
  public record NotApplied(String migration, Reason reason, int attempts, String detail, List<dev.strata.BlockingSession> blockers) {
    public NotApplied {
      Objects.requireNonNull(migration, "migration");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
      blockers = List.copyOf(blockers);
    }

    /** A stop without known blockers. */
    public NotApplied(String migration, Reason reason, int attempts, String detail) {
      this(migration, reason, attempts, detail, List.of());
    }
  }

  /** Why a migration was left unapplied. */
  public enum Reason {
    /** Its statements waited for a lock longer than {@code lock_timeout}, on every attempt. */
    LOCK_TIMEOUT,
    /** The run was cancelled while it was applying; its transaction was rolled back. */
    INTERRUPTED,
    /** The deploy's maintenance window closed before it started; nothing of it ran. */
    WINDOW_CLOSED
  }
}
