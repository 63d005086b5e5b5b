package dev.strata.plan;

import dev.strata.schema.DatabaseSchema;
import java.util.List;

/**
 * An ordered migration: its steps, and what Prisma would warn about (possible data loss) or
 * declare unexecutable (fails if the table holds rows) without looking at the data.
 */
public record Plan(
    DatabaseSchema from,
    DatabaseSchema to,
    List<PlannedStep> steps,
    List<String> warnings,
    List<String> unexecutable) {

  public Plan {
    steps = List.copyOf(steps);
    warnings = List.copyOf(warnings);
    unexecutable = List.copyOf(unexecutable);
  }

  /** All statements, in execution order. */
  public List<PlannedStatement> statements() {
    return steps.stream().flatMap(s -> s.statements().stream()).toList();
  }

  public boolean isEmpty() {
    return steps.isEmpty();
  }
}
