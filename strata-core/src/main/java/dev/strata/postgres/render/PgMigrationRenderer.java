package dev.strata.postgres.render;

import dev.strata.plan.Plan;
import dev.strata.plan.PlannedStatement;
import dev.strata.plan.PlannedStep;
import java.util.List;

/**
 * Writes a plan as PostgreSQL migration text: {@code migration.sql} byte-identical to what
 * Prisma Migrate writes, and Strata's own {@code down.sql}.
 *
 * <p>Format of {@code migration.sql}: an optional warnings header, then per step a {@code --
 * StepName} line and its statements each ending in {@code ;\n}, steps separated by one blank line;
 * an empty plan is the single line {@code -- This is an empty migration.} without a newline.
 */
public final class PgMigrationRenderer {
  /** What Prisma writes for a migration with no steps (no trailing newline). */
  public static final String EMPTY_MIGRATION = "-- This is an empty migration.";

  /**
   * {@code migration.sql} as {@code prisma migrate dev} writes it: with the header listing
   * warnings and unexecutable steps (as worded when the database's row counts are unknown).
   */
  public String render(Plan plan) {
    if (plan.isEmpty()) {
      return EMPTY_MIGRATION;
    }
    return warningsHeader(plan) + steps(plan);
  }

  /** Prisma's comment listing the plan's warnings and unexecutable steps; empty when there are none. */
  static String warningsHeader(Plan plan) {
    StringBuilder out = new StringBuilder();
    if (!plan.warnings().isEmpty() || !plan.unexecutable().isEmpty()) {
      out.append("/*\n  Warnings:\n\n");
      for (String warning : plan.warnings()) {
        out.append("  - ").append(warning).append('\n');
      }
      for (String step : plan.unexecutable()) {
        out.append("  - ").append(step).append('\n');
      }
      out.append("\n*/\n");
    }
    return out.toString();
  }

  /**
   * The script as {@code prisma migrate diff --script} prints it: no warnings header (the trailing
   * newline the CLI adds when printing is not part of it).
   */
  public String renderScript(Plan plan) {
    return plan.isEmpty() ? EMPTY_MIGRATION : steps(plan);
  }

  private static String steps(Plan plan) {
    StringBuilder out = new StringBuilder();
    List<PlannedStep> steps = plan.steps();
    for (int i = 0; i < steps.size(); i++) {
      if (i > 0) {
        out.append('\n');
      }
      PlannedStep step = steps.get(i);
      out.append("-- ").append(step.kind().name()).append('\n');
      for (PlannedStatement statement : step.statements()) {
        out.append(statement.sql()).append(";\n");
      }
    }
    return out.toString();
  }

  /**
   * Strata's {@code down.sql}: the reverse of every step, last step first. Steps that cannot be
   * undone, and steps whose undoing cannot bring data back, are marked with a comment.
   */
  public String renderDown(Plan plan) {
    StringBuilder out = new StringBuilder();
    out.append("-- Strata down migration: undoes the migration.sql beside it, last step first.\n");
    out.append("-- Prisma ignores this file. Dropped data is not restored.\n");
    if (plan.isEmpty()) {
      return out.append("-- Nothing to undo: the migration is empty.\n").toString();
    }
    List<PlannedStep> steps = plan.steps();
    for (int i = steps.size() - 1; i >= 0; i--) {
      PlannedStep step = steps.get(i);
      out.append('\n');
      if (step.reverse().isEmpty()) {
        out.append("-- IRREVERSIBLE ").append(step.kind().name());
        step.irreversibleReason().ifPresent(r -> out.append(": ").append(r));
        out.append('\n');
        continue;
      }
      out.append("-- Undo ").append(step.kind().name()).append('\n');
      step.irreversibleReason().ifPresent(r -> out.append("-- DATA LOSS: ").append(r).append('\n'));
      for (String sql : step.reverse().get()) {
        out.append(sql).append(";\n");
      }
    }
    return out.toString();
  }
}
