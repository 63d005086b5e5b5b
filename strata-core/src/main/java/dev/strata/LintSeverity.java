package dev.strata;

import java.util.Locale;

/** How serious a lint finding is: an error fails {@code strata migrate lint} (exit 3). */
public enum LintSeverity {
  ERROR,
  WARNING,
  INFO;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
