package dev.strata.diag;

/** How serious a diagnostic is: errors make a schema invalid, warnings do not. */
public enum Severity {
  ERROR,
  WARNING;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
