package dev.strata.lint;

import java.util.Optional;

/**
 * Supplies what was observed when a statement ran in a shadow database (see {@link ObservedFacts}).
 * {@link #NONE} is the {@code --offline} behaviour: every lock and rewrite judgement is the static
 * rule's, and findings say so.
 */
@FunctionalInterface
public interface ObservationSource {
  ObservationSource NONE = statement -> Optional.empty();

  Optional<ObservedFacts> observe(LintStatement statement);
}
