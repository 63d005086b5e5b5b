package dev.strata;

import java.util.Objects;
import java.util.Optional;

/**
 * Which migrations {@code migrate down} undoes: the last {@code steps} applied ({@code --steps}),
 * or every one applied after {@code to} ({@code --to}, which stays applied).
 */
public record DownTarget(int steps, Optional<String> to) {
  public DownTarget {
    Objects.requireNonNull(to, "to");
  }

  /** The last {@code steps} applied migrations. */
  public static DownTarget last(int steps) {
    return new DownTarget(steps, Optional.empty());
  }

  /** Every migration applied after {@code name}. */
  public static DownTarget after(String name) {
    return new DownTarget(0, Optional.of(name));
  }
}
