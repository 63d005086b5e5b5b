package dev.strata;

import java.util.List;

/** What {@link Strata#down(DownPreview, Consent)} did: the migrations rolled back, newest first. */
public record DownResult(List<String> rolledBack) {
  public DownResult {
    rolledBack = List.copyOf(rolledBack);
  }
}
