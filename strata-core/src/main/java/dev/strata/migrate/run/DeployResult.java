package dev.strata.migrate.run;

import dev.strata.migrate.MigrationFailure;
import dev.strata.migrate.history.MigrationStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code migrate deploy} did: how many migrations the directory has, those it applied (in
 * order), the failure that stopped it (then recorded as a failed row), whether it created the
 * history table, how long it took (waiting for the lock included), and the migrations it applied
 * out of order (dated before one already applied).
 */
public record DeployResult(int found, List<MigrationOutcome> applied, Optional<MigrationFailure> failure,
    Optional<String> failureLogs, boolean createdHistoryTable, Duration elapsed, List<MigrationStatus.OutOfOrder> outOfOrder) {
  public DeployResult {
    applied = List.copyOf(applied);
    outOfOrder = List.copyOf(outOfOrder);
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(failureLogs, "failureLogs");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** A result with no migration out of order. */
  public DeployResult(int found, List<MigrationOutcome> applied, Optional<MigrationFailure> failure, Optional<String> failureLogs,
      boolean createdHistoryTable, Duration elapsed) {
    this(found, applied, failure, failureLogs, createdHistoryTable, elapsed, List.of());
  }

  /** This result, with the migrations it applied out of order. */
  public DeployResult withOutOfOrder(List<MigrationStatus.OutOfOrder> names) {
    return new DeployResult(found, applied, failure, failureLogs, createdHistoryTable, elapsed, names);
  }

  /** Whether every pending migration was applied. */
  public boolean succeeded() {
    return failure.isEmpty();
  }
}
