package dev.strata.compare;

import dev.strata.diff.SchemaDiffer;
import dev.strata.plan.Plan;
import dev.strata.plan.Planner;
import dev.strata.postgres.render.PgDialect;
import dev.strata.postgres.render.PgMigrationRenderer;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.change.Change;
import java.util.List;

/** The difference between two schemas: the changes, the planned statements, and their renderings. */
public record Comparison(DatabaseSchema from, DatabaseSchema to, List<Change> changes, Plan plan) {
  public Comparison {
    changes = List.copyOf(changes);
  }

  /** Diffs and plans {@code from → to} for PostgreSQL. */
  public static Comparison of(DatabaseSchema from, DatabaseSchema to) {
    PgDialect dialect = new PgDialect();
    List<Change> changes = new SchemaDiffer(dialect).diff(from, to);
    Plan plan = new Planner(dialect).plan(from, to, changes);
    return new Comparison(from, to, changes, plan);
  }

  public boolean isEmpty() {
    return plan.isEmpty();
  }

  /** The SQL as {@code prisma migrate diff --script} prints it. */
  public String script() {
    return new PgMigrationRenderer().renderScript(plan);
  }

  /** {@code migration.sql} as {@code prisma migrate dev} writes it (with the warnings header). */
  public String migrationFile() {
    return new PgMigrationRenderer().render(plan);
  }

  /** Strata's {@code down.sql} for this migration. */
  public String downFile() {
    return new PgMigrationRenderer().renderDown(plan);
  }

  /** A readable summary of what differs. */
  public String summary() {
    return ChangeSummary.render(changes);
  }
}
