package dev.strata.migrate.push;

import java.util.List;

/**
 * What applying a plan would do to the data actually in the database: warnings (data would be
 * lost; allowed with {@code --accept-data-loss}) and unexecutable steps (would fail on the rows
 * present; only a reset helps), each worded as Prisma words them.
 */
public record DataLoss(List<String> warnings, List<String> unexecutable) {
  public DataLoss {
    warnings = List.copyOf(warnings);
    unexecutable = List.copyOf(unexecutable);
  }

  /** Nothing would be lost and everything can run. */
  public static DataLoss none() {
    return new DataLoss(List.of(), List.of());
  }

  /** Whether there is neither a warning nor an unexecutable step. */
  public boolean isEmpty() {
    return warnings.isEmpty() && unexecutable.isEmpty();
  }
}
