package dev.strata.lint.observe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** One migration run under observation: its name, its statements as observed (transaction control left out), and the wall time of the whole run. */
public record ObservedMigration(String name, List<ObservedStatement> statements, Duration duration) {
  public ObservedMigration {
    Objects.requireNonNull(name, "name");
    statements = List.copyOf(statements);
    Objects.requireNonNull(duration, "duration");
  }
}
