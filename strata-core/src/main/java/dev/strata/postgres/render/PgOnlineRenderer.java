package dev.strata.postgres.render;

import dev.strata.plan.Plan;
import dev.strata.plan.PlannedStep;
import dev.strata.postgres.PgIdentifiers;
import dev.strata.postgres.render.PgDdlRenderer.Names;
import dev.strata.schema.change.Change;
import dev.strata.schema.change.Change.TableChange;
import java.nio.charset.StandardCharsets;

/**
 * Writes the lock-safe part of a {@code migrate dev} migration (the changes {@code
 * dev.strata.plan.OnlineSplit} set apart) as a migration whose statements each commit on their
 * own, so that no lock a statement takes outlives it:
 *
 * <ul>
 *   <li>an index: {@code CREATE [UNIQUE] INDEX CONCURRENTLY} (no lock that blocks writes);
 *   <li>a foreign key: {@code ADD CONSTRAINT … NOT VALID} (a brief {@code SHARE ROW EXCLUSIVE}),
 *       then {@code VALIDATE CONSTRAINT} (scans under {@code SHARE UPDATE EXCLUSIVE}: writes go on);
 *   <li>a required column: {@code ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID}, {@code
 *       VALIDATE CONSTRAINT} (the scan, writes go on), {@code SET NOT NULL} (PostgreSQL 12+ skips
 *       its scan thanks to the validated check), {@code DROP CONSTRAINT}.
 * </ul>
 *
 * <p>Ordinary statements are wrapped in their own {@code BEGIN;}/{@code COMMIT;} (Strata's runner and
 * replayer honour a file's transaction statements); the concurrent builds run alone in autocommit.
 * The resulting schema is the one Prisma's SQL leaves: same index, same foreign key, same {@code NOT
 * NULL}, and no extra constraint. A unique column gets a unique index, as with Prisma's SQL, and no
 * {@code UNIQUE … USING INDEX} constraint: a later Prisma migration drops it with {@code DROP INDEX},
 * which PostgreSQL refuses for an index a constraint owns.
 */
public final class PgOnlineRenderer {
  /** The first line of a lock-safe migration. */
  public static final String HEADER = "-- Strata lock-safe migration: each statement commits on its own (no transaction around the file).\n"
      + "-- Apply it with strata migrate deploy; Prisma's migrate deploy cannot run CREATE INDEX CONCURRENTLY beside other statements.\n";

  private static final int MAX_NAME_BYTES = 63;

  /** {@code migration.sql} of the lock-safe migration for {@code plan} (the online changes, planned). */
  public String render(Plan plan) {
    StringBuilder out = new StringBuilder(HEADER);
    out.append(PgMigrationRenderer.warningsHeader(plan));
    Names names = new Names(plan.to().defaultSchema());
    for (PlannedStep step : plan.steps()) {
      out.append('\n').append("-- ").append(step.kind().name()).append('\n');
      Change change = step.change();
      if (change instanceof Change.AddIndex a) {
        out.append(concurrently(PgDdlRenderer.createIndex(names, a.schema(), a.table(), a.index()))).append(";\n");
      } else if (change instanceof Change.AddForeignKey f) {
        String table = names.qualify(f.schema(), f.table());
        own(out, PgDdlRenderer.addForeignKey(names, f.schema(), f.table(), f.foreignKey()) + " NOT VALID");
        own(out, "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + PgIdentifiers.quote(f.foreignKey().name()));
      } else if (change instanceof Change.ModifyTable m) {
        String table = names.qualify(m.schema(), m.table());
        for (TableChange tc : m.changes()) {
          Change.AlterColumn a = (Change.AlterColumn) tc;
          String column = PgIdentifiers.quote(a.to().name());
          String check = PgIdentifiers.quote(checkName(m.table(), a.to().name()));
          own(out, "ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + column + " IS NOT NULL) NOT VALID");
          own(out, "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + check);
          own(out, "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET NOT NULL");
          own(out, "ALTER TABLE " + table + " DROP CONSTRAINT " + check);
        }
      } else {
        throw new IllegalArgumentException("not a lock-safe change: " + change.getClass().getSimpleName());
      }
    }
    return out.toString();
  }

  /**
   * {@code down.sql} for it: the reverse of every step, last first (indexes dropped {@code
   * CONCURRENTLY}), with the same header lines as {@link PgMigrationRenderer#renderDown(Plan)}.
   */
  public String renderDown(Plan plan) {
    Plan concurrentDrops = new Plan(plan.from(), plan.to(), plan.steps().stream().map(PgOnlineRenderer::dropConcurrently).toList(),
        plan.warnings(), plan.unexecutable());
    return new PgMigrationRenderer().renderDown(concurrentDrops);
  }

  private static PlannedStep dropConcurrently(PlannedStep step) {
    if (!(step.change() instanceof Change.AddIndex)) {
      return step;
    }
    return new PlannedStep(step.kind(), step.change(), step.statements(),
        step.reverse().map(r -> r.stream().map(s -> s.startsWith("DROP INDEX ") ? "DROP INDEX CONCURRENTLY " + s.substring(11) : s).toList()),
        step.irreversibleReason());
  }

  private static String concurrently(String createIndex) {
    String plain = "INDEX ";
    int at = createIndex.indexOf(plain);
    return createIndex.substring(0, at + plain.length()) + "CONCURRENTLY " + createIndex.substring(at + plain.length());
  }

  private static void own(StringBuilder out, String sql) {
    out.append("BEGIN;\n").append(sql).append(";\nCOMMIT;\n");
  }

  /** The temporary check's name: {@code <table>_<column>_not_null}, cut to PostgreSQL's 63 bytes. */
  public static String checkName(String table, String column) {
    String name = table + "_" + column + "_not_null";
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_NAME_BYTES) {
      return name;
    }
    StringBuilder cut = new StringBuilder();
    int used = 0;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (used + size > MAX_NAME_BYTES) {
        break;
      }
      cut.appendCodePoint(cp);
      used += size;
      i += Character.charCount(cp);
    }
    return cut.toString();
  }
}
