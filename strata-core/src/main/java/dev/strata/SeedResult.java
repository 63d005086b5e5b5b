package dev.strata;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link Strata#seed} ran ({@code db seed}): the command line, its exit status (0 when it
 * succeeded) and the time taken.
 */
public record SeedResult(String command, int exitCode, Duration elapsed) {
  public SeedResult {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Whether the command exited with 0. */
  public boolean succeeded() {
    return exitCode == 0;
  }
}
