package dev.strata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Strata#reset(ResetPreview, Consent)} did.
 *
 * @param dropped the tables dropped, with the rows they held
 * @param applied the migrations applied again, in order
 * @param seed the seed that ran after the reset (empty when skipped, or the project has none)
 */
public record ResetResult(List<TableRows> dropped, List<String> applied, Optional<SeedOutcome> seed) {
  public ResetResult {
    dropped = List.copyOf(dropped);
    applied = List.copyOf(applied);
    Objects.requireNonNull(seed, "seed");
  }
}
