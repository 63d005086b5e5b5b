package dev.strata;

import java.util.Objects;

/** What {@link Strata#resolve(String, ResolveResult.Resolution)} recorded: the migration and how it is now marked. */
public record ResolveResult(String migration, Resolution resolution) {
  public ResolveResult {
    Objects.requireNonNull(migration, "migration");
    Objects.requireNonNull(resolution, "resolution");
  }

  /** How a migration is marked ({@code migrate resolve --applied | --rolled-back}). */
  public enum Resolution {
    /** Recorded as applied without running it (baselining, or a failed migration completed by hand). */
    APPLIED("applied"),
    /** A failed migration set aside, so that deploy runs it again. */
    ROLLED_BACK("rolled back");

    private final String label;

    Resolution(String label) {
      this.label = label;
    }

    /** The words {@code migrate resolve} prints ({@code applied}, {@code rolled back}). */
    public String label() {
      return label;
    }
  }
}
