package dev.strata.migrate;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The outcome of replaying a migration history: every migration applied, in order, and the total time. */
public record ReplayResult(List<AppliedMigration> applied, Duration elapsed) {
  public ReplayResult {
    applied = List.copyOf(applied);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Total number of statements run. */
  public int statements() {
    return applied.stream().mapToInt(AppliedMigration::statements).sum();
  }
}
