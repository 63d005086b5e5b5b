package dev.strata.plan;

import dev.strata.schema.change.Change;
import java.util.List;
import java.util.Optional;

/**
 * One step of a plan: a change, the statements that apply it and those that undo it.
 *
 * @param reverse the statements undoing the step, in order; empty when it cannot be undone
 * @param irreversibleReason why it cannot be undone (or what undoing it cannot restore, such as
 *     data), when that is the case
 */
public record PlannedStep(
    Step kind,
    Change change,
    List<PlannedStatement> statements,
    Optional<List<String>> reverse,
    Optional<String> irreversibleReason) {

  public PlannedStep {
    statements = List.copyOf(statements);
    reverse = reverse.map(List::copyOf);
  }
}
