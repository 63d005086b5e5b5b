package dev.strata.migrate;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One migration replayed successfully: its name, how many statements it ran (and how many of
 * them outside any transaction), how long it took, and notes on anything done differently from
 * sending the file as one batch.
 */
public record AppliedMigration(String name, int statements, int outsideTransaction, Duration elapsed, List<String> notes) {
  public AppliedMigration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(elapsed, "elapsed");
    notes = List.copyOf(notes);
  }
}
