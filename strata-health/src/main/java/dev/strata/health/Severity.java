package dev.strata.health;

import java.util.Locale;

/** How bad a finding is, from the check's thresholds. Ordered: {@code OK < INFO < WARNING < CRITICAL}. */
public enum Severity {
  OK,
  INFO,
  WARNING,
  CRITICAL;

  /** The lower-case word used in output and in {@code --fail-on}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
