package dev.strata.migrate.run;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** One migration a deploy applied: its name, statements run, time taken, attempts (more than one after lock timeouts), and the replayer's notes. */
public record MigrationOutcome(String name, int statements, Duration elapsed, int attempts, List<String> notes) {
  public MigrationOutcome {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(elapsed, "elapsed");
    notes = List.copyOf(notes);
  }
}
