package dev.strata;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Strata#deploy()} did: how many migrations the directory holds, the names of those it
 * applied (in order), whether it created {@code _prisma_migrations}, and the time taken.
 */
public record DeployResult(int found, List<String> applied, boolean createdHistoryTable, Duration elapsed) {
  public DeployResult {
    applied = List.copyOf(applied);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Whether the database was already up to date. */
  public boolean nothingToApply() {
    return applied.isEmpty();
  }
}
