package dev.strata.health;

import java.util.Locale;

/** What became of one check in a run. */
public enum CheckStatus {
  /** Ran and found nothing at or above {@link Severity#INFO}. */
  PASSED,
  /** Ran and found something: see the result's severity and evidence. */
  FOUND,
  /** Could not run with the role's privileges; the result names the privilege that would enable it. */
  SKIPPED,
  /** Needs something not set up (snapshots, backups, a migrations folder); the result says what. */
  NOT_CONFIGURED,
  /** The check's query failed for another reason; the result carries the message (never a stack trace). */
  ERROR;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
