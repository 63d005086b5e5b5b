package dev.strata.migrate.dev;

import dev.strata.compare.Comparison;
import dev.strata.diff.RenameDetector;
import dev.strata.diff.RenameDetector.ColumnRename;
import dev.strata.diff.RenameDetector.Rename;
import dev.strata.diff.RenameDetector.TableRename;
import dev.strata.plan.OnlineSplit;
import dev.strata.plan.Plan;
import dev.strata.plan.PlannedStep;
import dev.strata.plan.Planner;
import dev.strata.plan.Step;
import dev.strata.postgres.PgIdentifiers;
import dev.strata.postgres.render.PgDialect;
import dev.strata.postgres.render.PgOnlineRenderer;
import dev.strata.schema.DatabaseSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A new migration as {@code migrate dev} writes it: {@code migration.sql} (byte-identical to
 * Prisma's when no rename was confirmed), Strata's {@code down.sql}, what Prisma would warn about,
 * and the steps that cannot be undone.
 *
 * @param comparison the diff left once the confirmed renames are carried out
 * @param renames the confirmed renames, rendered first in {@code migration.sql}
 * @param irreversible why steps cannot be undone (empty when every step has a reverse)
 */
public record GeneratedMigration(
    Comparison comparison, List<Rename> renames, String migrationSql, String downSql, List<String> irreversible,
    Optional<Online> online) {

  public GeneratedMigration {
    Objects.requireNonNull(comparison, "comparison");
    renames = List.copyOf(renames);
    Objects.requireNonNull(migrationSql, "migrationSql");
    Objects.requireNonNull(downSql, "downSql");
    irreversible = List.copyOf(irreversible);
    Objects.requireNonNull(online, "online");
  }

  /**
   * The lock-safe second migration of {@link #lockSafe}: the changes to tables that already existed,
   * each applied by a statement that commits on its own ({@link PgOnlineRenderer}).
   *
   * @param whole the comparison of the whole migration (both parts), for the data-loss check
   * @param plan the lock-safe part, planned
   */
  public record Online(Comparison whole, Plan plan, String migrationSql, String downSql) {
    public Online {
      Objects.requireNonNull(whole, "whole");
      Objects.requireNonNull(plan, "plan");
      Objects.requireNonNull(migrationSql, "migrationSql");
      Objects.requireNonNull(downSql, "downSql");
    }
  }

  /** The migration from {@code from} to {@code to}, with the {@code renames} carried out as renames: Prisma's exact SQL. */
  public static GeneratedMigration of(DatabaseSchema from, DatabaseSchema to, List<? extends Rename> renames) {
    List<Rename> ordered = ordered(renames);
    return build(Comparison.of(RenameDetector.applyTo(from, ordered), to), ordered, Optional.empty());
  }

  /**
   * The migration from {@code from} to {@code to} with lock-safe SQL for the tables {@code from}
   * already has: Prisma's SQL for everything else ({@link #migrationSql()}, one transaction), and
   * the {@link OnlineSplit} changes in a second migration ({@link #online()}); exactly {@link #of}
   * when there are no such changes.
   */
  public static GeneratedMigration lockSafe(DatabaseSchema from, DatabaseSchema to, List<? extends Rename> renames) {
    List<Rename> ordered = ordered(renames);
    DatabaseSchema renamed = RenameDetector.applyTo(from, ordered);
    Comparison whole = Comparison.of(renamed, to);
    OnlineSplit split = OnlineSplit.of(renamed, whole.changes());
    if (split.noOnlineChanges()) {
      return build(whole, ordered, Optional.empty());
    }
    Planner planner = new Planner(new PgDialect());
    Comparison first = new Comparison(renamed, to, split.transactional(), planner.plan(renamed, to, split.transactional()));
    Plan second = planner.plan(renamed, to, split.online());
    PgOnlineRenderer renderer = new PgOnlineRenderer();
    return build(first, ordered, Optional.of(new Online(whole, second, renderer.render(second), renderer.renderDown(second))));
  }

  private static List<Rename> ordered(List<? extends Rename> renames) {
    List<Rename> ordered = new ArrayList<>();
    renames.stream().filter(r -> r instanceof TableRename).forEach(ordered::add);
    renames.stream().filter(r -> r instanceof ColumnRename).forEach(ordered::add);
    return ordered;
  }

  private static GeneratedMigration build(Comparison comparison, List<Rename> ordered, Optional<Online> online) {
    List<String> irreversible = new ArrayList<>();
    List<PlannedStep> all = new ArrayList<>(comparison.plan().steps());
    online.ifPresent(o -> all.addAll(o.plan().steps()));
    for (PlannedStep step : all) {
      // CREATE SCHEMA has no reverse by design: the schema is left in place, which undoes nothing the
      // schema comparison sees. Every other step without a reverse makes the down unusable.
      if (step.reverse().isEmpty() && step.kind() != Step.CreateSchema) {
        irreversible.add(step.kind().name() + step.irreversibleReason().map(r -> ": " + r).orElse(""));
      }
    }
    if (ordered.isEmpty()) {
      return new GeneratedMigration(comparison, ordered, comparison.migrationFile(), comparison.downFile(), irreversible, online);
    }
    String defaultSchema = comparison.to().defaultSchema();
    String script = comparison.isEmpty() ? "" : comparison.script();
    String file = comparison.migrationFile();
    String header = comparison.isEmpty() ? "" : file.substring(0, file.length() - script.length());
    StringBuilder up = new StringBuilder(header);
    appendStep(up, "RenameTable", ordered.stream().filter(r -> r instanceof TableRename).map(r -> forward(r, defaultSchema)).toList());
    if (ordered.stream().anyMatch(r -> r instanceof TableRename) && ordered.stream().anyMatch(r -> r instanceof ColumnRename)) {
      up.append('\n');
    }
    appendStep(up, "RenameColumn", ordered.stream().filter(r -> r instanceof ColumnRename).map(r -> forward(r, defaultSchema)).toList());
    if (!script.isEmpty()) {
      up.append('\n').append(script);
    }

    StringBuilder down = new StringBuilder();
    String generated = comparison.downFile();
    if (comparison.isEmpty()) {
      // keep the two header lines, drop "nothing to undo"
      int second = generated.indexOf('\n', generated.indexOf('\n') + 1);
      down.append(generated, 0, second + 1);
    } else {
      down.append(generated);
    }
    List<Rename> reversed = new ArrayList<>(ordered);
    java.util.Collections.reverse(reversed);
    List<String> undoColumns = reversed.stream().filter(r -> r instanceof ColumnRename).map(r -> backward(r, defaultSchema)).toList();
    List<String> undoTables = reversed.stream().filter(r -> r instanceof TableRename).map(r -> backward(r, defaultSchema)).toList();
    if (!undoColumns.isEmpty()) {
      down.append('\n');
      appendStep(down, "Undo RenameColumn", undoColumns);
    }
    if (!undoTables.isEmpty()) {
      down.append('\n');
      appendStep(down, "Undo RenameTable", undoTables);
    }
    return new GeneratedMigration(comparison, ordered, up.toString(), down.toString(), irreversible, online);
  }

  /** Whether there is nothing to migrate. */
  public boolean isEmpty() {
    return renames.isEmpty() && comparison.isEmpty() && online.isEmpty();
  }

  /** Whether the first migration (Prisma's SQL, one transaction) has anything to do. */
  public boolean hasTransactionalPart() {
    return !renames.isEmpty() || !comparison.isEmpty();
  }

  /** The whole migration's comparison (both parts when there is a lock-safe one). */
  public Comparison wholeComparison() {
    return online.map(Online::whole).orElse(comparison);
  }

  /** Prisma's destructive-change warnings for the migration. */
  public List<String> warnings() {
    return wholeComparison().plan().warnings();
  }

  /** Steps Prisma declares unexecutable when the table holds rows. */
  public List<String> unexecutable() {
    return wholeComparison().plan().unexecutable();
  }

  /** This migration with another {@code down.sql}. */
  public GeneratedMigration withDownSql(String text) {
    return new GeneratedMigration(comparison, renames, migrationSql, text, irreversible, online);
  }

  private static void appendStep(StringBuilder out, String name, List<String> statements) {
    if (statements.isEmpty()) {
      return;
    }
    out.append("-- ").append(name).append('\n');
    statements.forEach(s -> out.append(s).append(";\n"));
  }

  /** The statement carrying out a rename. */
  public static String forward(Rename rename, String defaultSchema) {
    if (rename instanceof TableRename t) {
      return "ALTER TABLE " + qualify(t.schema(), t.from(), defaultSchema) + " RENAME TO " + PgIdentifiers.quote(t.to());
    }
    ColumnRename c = (ColumnRename) rename;
    return "ALTER TABLE " + qualify(c.schema(), c.table(), defaultSchema) + " RENAME COLUMN " + PgIdentifiers.quote(c.from()) + " TO " + PgIdentifiers.quote(c.to());
  }

  /** The statement undoing a rename. */
  public static String backward(Rename rename, String defaultSchema) {
    if (rename instanceof TableRename t) {
      return forward(new TableRename(t.schema(), t.to(), t.from()), defaultSchema);
    }
    ColumnRename c = (ColumnRename) rename;
    return forward(new ColumnRename(c.schema(), c.table(), c.to(), c.from()), defaultSchema);
  }

  private static String qualify(String schema, String name, String defaultSchema) {
    return schema.equals(defaultSchema) ? PgIdentifiers.quote(name) : PgIdentifiers.quote(schema) + "." + PgIdentifiers.quote(name);
  }

}
