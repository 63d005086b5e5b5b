package dev.strata;

import java.util.Objects;

/**
 * What a guarded deploy found when it compared the database, after its last migration, with the
 * schema the migration history describes (the history replayed into a shadow database): it
 * matches, it differs (the summary and the script that would turn the history's schema into the
 * database's), or the check was skipped (and why).
 */
public record DriftCheck(Outcome outcome, String summary, String script, String note) {
  public DriftCheck {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(note, "note");
  }

  /** The result of the comparison. */
  public enum Outcome {
    MATCHES,
    DIFFERS,
    SKIPPED
  }

  public static DriftCheck matches() {
    return new DriftCheck(Outcome.MATCHES, "", "", "");
  }

  public static DriftCheck differs(String summary, String script) {
    return new DriftCheck(Outcome.DIFFERS, summary.strip(), script, "");
  }

  public static DriftCheck skipped(String why) {
    return new DriftCheck(Outcome.SKIPPED, "", "", why);
  }

  /** One sentence for the user. */
  public String describe() {
    return switch (outcome) {
      case MATCHES -> "The database matches the migration history.";
      case DIFFERS -> "The database does not match the migration history: " + summary;
      case SKIPPED -> "The drift check was skipped: " + note;
    };
  }
}
