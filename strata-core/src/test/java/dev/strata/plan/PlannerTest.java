package dev.strata.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diff.SchemaDiffer;
import dev.strata.dialect.LockLevel;
import dev.strata.postgres.render.PgDialect;
import dev.strata.postgres.render.PgMigrationRenderer;
import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.Index;
import dev.strata.schema.IndexColumn;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.Table;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private final PgDialect dialect = new PgDialect();
  private final PgMigrationRenderer renderer = new PgMigrationRenderer();

  private static Column column(String name, String type, boolean nullable) {
    return new Column(name, ColumnType.builtin(type), nullable, Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static Table users(List<Column> columns, List<Index> indexes) {
    return new Table("public", "User", columns, Optional.of(new PrimaryKey("User_pkey", List.of("id"))), indexes, List.of(), List.of(), Optional.empty());
  }

  private static DatabaseSchema of(Table... tables) {
    return new DatabaseSchema("public", Set.of(), List.of(tables), List.of(), List.of(), List.of(), List.of());
  }

  private Plan plan(DatabaseSchema from, DatabaseSchema to) {
    return new Planner(dialect).plan(from, to, new SchemaDiffer(dialect).diff(from, to));
  }

  @Test
  void an_empty_diff_renders_prismas_empty_migration_without_newline() {
    DatabaseSchema s = of(users(List.of(column("id", "INTEGER", false)), List.of()));
    assertThat(renderer.render(plan(s, s))).isEqualTo("-- This is an empty migration.");
  }

  @Test
  void dropping_a_column_and_adding_a_required_one_puts_prismas_warnings_header_first() {
    DatabaseSchema from = of(users(List.of(column("id", "INTEGER", false), column("old", "TEXT", true)), List.of()));
    DatabaseSchema to = of(users(List.of(column("id", "INTEGER", false), column("age", "INTEGER", false)), List.of()));
    assertThat(renderer.render(plan(from, to))).isEqualTo("""
        /*
          Warnings:

          - You are about to drop the column `old` on the `User` table. All the data in the column will be lost.
          - Added the required column `age` to the `User` table without a default value. This is not possible if the table is not empty.

        */
        -- AlterTable
        ALTER TABLE "User" DROP COLUMN "old",
        ADD COLUMN     "age" INTEGER NOT NULL;
        """);
  }

  @Test
  void the_script_form_has_no_warnings_header() {
    DatabaseSchema from = of(users(List.of(column("id", "INTEGER", false), column("old", "TEXT", true)), List.of()));
    DatabaseSchema to = of(users(List.of(column("id", "INTEGER", false)), List.of()));
    assertThat(renderer.renderScript(plan(from, to))).startsWith("-- AlterTable\n");
  }

  @Test
  void adding_a_unique_index_to_an_existing_table_warns_about_duplicates() {
    DatabaseSchema from = of(users(List.of(column("id", "INTEGER", false), column("a", "TEXT", false)), List.of()));
    Index unique = new Index("User_a_key", true, List.of(IndexColumn.of("a")), "BTREE", Optional.empty(), false);
    DatabaseSchema to = of(users(List.of(column("id", "INTEGER", false), column("a", "TEXT", false)), List.of(unique)));
    assertThat(plan(from, to).warnings()).containsExactly(
        "A unique constraint covering the columns `[a]` on the table `User` will be added. If there are existing duplicate values, this will fail.");
  }

  @Test
  void statements_record_their_lock_levels() {
    DatabaseSchema from = of(users(List.of(column("id", "INTEGER", false), column("a", "TEXT", false)), List.of()));
    Index index = new Index("User_a_idx", false, List.of(IndexColumn.of("a")), "BTREE", Optional.empty(), false);
    DatabaseSchema to = of(users(List.of(column("id", "INTEGER", false), column("a", "TEXT", true)), List.of(index)));
    List<PlannedStatement> statements = plan(from, to).statements();
    assertThat(statements).extracting(PlannedStatement::step).containsExactly(Step.AlterTable, Step.CreateIndex);
    assertThat(statements).extracting(PlannedStatement::lockLevel).containsExactly(LockLevel.ACCESS_EXCLUSIVE, LockLevel.SHARE);
  }

  @Test
  void every_statement_carries_its_reverse() {
    DatabaseSchema from = of(users(List.of(column("id", "INTEGER", false), column("a", "TEXT", false)), List.of()));
    DatabaseSchema to = of(users(List.of(column("id", "INTEGER", false), column("a", "TEXT", true)), List.of()));
    PlannedStatement statement = plan(from, to).statements().get(0);
    assertThat(statement.sql()).isEqualTo("ALTER TABLE \"User\" ALTER COLUMN \"a\" DROP NOT NULL");
    assertThat(statement.reverseSql()).contains("ALTER TABLE \"User\" ALTER COLUMN \"a\" SET NOT NULL");
  }

  @Test
  void down_script_undoes_steps_last_first_and_marks_data_loss() {
    DatabaseSchema from = of(users(List.of(column("id", "INTEGER", false), column("old", "TEXT", true)), List.of()));
    Table post = new Table("public", "Post", List.of(column("id", "INTEGER", false)), Optional.empty(), List.of(), List.of(), List.of(), Optional.empty());
    DatabaseSchema to = of(users(List.of(column("id", "INTEGER", false)), List.of()), post);
    assertThat(renderer.renderDown(plan(from, to))).isEqualTo("""
        -- Strata down migration: undoes the migration.sql beside it, last step first.
        -- Prisma ignores this file. Dropped data is not restored.

        -- Undo CreateTable
        DROP TABLE "Post";

        -- Undo AlterTable
        -- DATA LOSS: re-adds dropped or recreated columns of "User" empty: their values are not restored
        ALTER TABLE "User" ADD COLUMN     "old" TEXT;
        """);
  }
}
