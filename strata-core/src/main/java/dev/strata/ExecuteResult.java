package dev.strata;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Strata#execute(String, String)} ran ({@code db execute}): the script's name as
 * reports show it, the statements run, the notes (a statement run outside the transaction), and
 * the time taken.
 */
public record ExecuteResult(String script, int statements, List<String> notes, Duration elapsed) {
  public ExecuteResult {
    Objects.requireNonNull(script, "script");
    notes = List.copyOf(notes);
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
