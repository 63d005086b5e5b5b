package dev.strata;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Strata#pushSchema()} did: whether anything changed, how many statements ran, the
 * data-loss warnings that were accepted (empty unless data loss was allowed), and the time taken.
 */
public record PushResult(boolean changed, int statements, List<String> acceptedWarnings, Duration elapsed) {
  public PushResult {
    acceptedWarnings = List.copyOf(acceptedWarnings);
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
