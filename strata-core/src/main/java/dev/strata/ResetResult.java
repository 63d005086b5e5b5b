package dev.strata;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Strata#reset(ResetPreview, Consent)} did.
 *
 * @param dropped the tables dropped, with the rows they held
 * @param applied the migrations applied again, in order
 */
public record ResetResult(List<TableRows> dropped, List<String> applied) {
  public ResetResult {
    dropped = List.copyOf(dropped);
    applied = List.copyOf(applied);
    Objects.requireNonNull(applied, "applied");
  }
}
