package dev.strata.migrate.run;

import dev.strata.migrate.MigrationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code migrate deploy} did: how many migrations the directory has, those it applied (in
 * order), the failure that stopped it (then recorded as a failed row), whether it created the
 * history table, and how long it took (waiting for the lock included).
 */
public record DeployResult(int found, List<MigrationOutcome> applied, Optional<MigrationFailure> failure,
    Optional<String> failureLogs, boolean createdHistoryTable, Duration elapsed) {
  public DeployResult {
    applied = List.copyOf(applied);
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(failureLogs, "failureLogs");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Whether every pending migration was applied. */
  public boolean succeeded() {
    return failure.isEmpty();
  }
}
