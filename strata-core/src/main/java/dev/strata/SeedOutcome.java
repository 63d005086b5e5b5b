package dev.strata;

import java.util.Objects;
import java.util.Optional;

/**
 * The seed that ran after a reset: the seed {@code command}, or the {@code script} ({@code
 * seed.sql}, as shown relative to the working directory) and its statement count.
 */
public record SeedOutcome(Optional<String> command, Optional<String> script, int statements) {
  public SeedOutcome {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(script, "script");
  }
}
