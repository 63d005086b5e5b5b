package dev.strata.migrate.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.TableRows;
import dev.strata.diag.SourceFile;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Prisma's data-aware loss checks: the same change is silent on an empty table and a warning or refusal on a filled one. */
@StrataDatabase
class SchemaPushIT {
  private static final String BASE =
      """
      datasource db {
        provider = "postgresql"
      }

      enum Level {
        EASY
        HARD
      }

      model Workout {
        id     Int     @id
        title  String?
        effort String?
        level  Level   @default(EASY)
        code   String
      }
      """;

  @BeforeEach
  void pushBase(TestDatabase db) throws SQLException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    try (Connection c = db.connection()) {
      SchemaPush.apply(c, SchemaPush.preview(c, lower(BASE)).comparison());
    }
  }

  private static DatabaseSchema lower(String schema) {
    return PrismaLowering.lower(PrismaFrontEnd.check(List.of(new SourceFile("schema.prisma", schema))).schema());
  }

  private static DataLoss loss(TestDatabase db, String schema) throws SQLException {
    try (Connection c = db.connection()) {
      return SchemaPush.preview(c, lower(schema)).dataLoss();
    }
  }

  @Test
  void changes_to_an_empty_table_lose_nothing(TestDatabase db) throws SQLException {
    String changed = BASE.replace("title  String?", "title  String").replace("effort String?", "effort Int?")
        .replace("code   String", "code   String @unique");
    assertThat(loss(db, changed).isEmpty()).isTrue();
  }

  @Test
  void making_a_column_required_is_refused_only_when_it_holds_nulls(TestDatabase db) throws SQLException {
    db.execute("INSERT INTO \"Workout\" (id, title, code) VALUES (1, 'Squats', 'a'), (2, NULL, 'b')");
    DataLoss loss = loss(db, BASE.replace("title  String?", "title  String"));
    assertThat(loss.unexecutable()).containsExactly("Made the column `title` on table `Workout` required, but there are 1 existing NULL values.");
    db.execute("UPDATE \"Workout\" SET title = 'Lunges' WHERE id = 2");
    assertThat(loss(db, BASE.replace("title  String?", "title  String")).isEmpty()).isTrue();
  }

  @Test
  void a_risky_cast_a_new_unique_constraint_and_a_removed_enum_value_warn_on_a_filled_table(TestDatabase db) throws SQLException {
    db.execute("INSERT INTO \"Workout\" (id, effort, code) VALUES (1, 'high', 'a')");
    DataLoss loss = loss(db, BASE.replace("effort String?", "effort String? @db.VarChar(3)").replace("code   String", "code   String @unique")
        .replace("  HARD\n", ""));
    assertThat(loss.unexecutable()).isEmpty();
    assertThat(loss.warnings()).containsExactlyInAnyOrder(
        "You are about to alter the column `effort` on the `Workout` table, which contains 1 non-null values. The data in that column will be cast from `Text` to `VarChar(3)`.",
        "A unique constraint covering the columns `[code]` on the table `Workout` will be added. If there are existing duplicate values, this will fail.",
        "The values [HARD] on the enum `Level` will be removed. If these variants are still used in the database, this will fail.");
  }

  @Test
  void a_column_without_a_cast_is_recreated_with_a_warning_only_when_it_holds_values(TestDatabase db) throws SQLException {
    String changed = BASE.replace("effort String?", "effort Int?");
    db.execute("INSERT INTO \"Workout\" (id, code) VALUES (1, 'a')");
    assertThat(loss(db, changed).isEmpty()).isTrue();
    db.execute("UPDATE \"Workout\" SET effort = 'high'");
    assertThat(loss(db, changed).warnings()).containsExactly(
        "The `effort` column on the `Workout` table would be dropped and recreated. This will lead to data loss.");
  }

  @Test
  void removing_an_enum_value_always_warns_as_prisma_does(TestDatabase db) throws SQLException {
    assertThat(loss(db, BASE.replace("  HARD\n", "")).warnings()).containsExactly(
        "The values [HARD] on the enum `Level` will be removed. If these variants are still used in the database, this will fail.");
  }

  @Test
  void a_reset_drops_the_tables_and_lists_them_with_their_rows_first(TestDatabase db) throws SQLException {
    db.execute("INSERT INTO \"Workout\" (id, code) VALUES (1, 'a'), (2, 'b')");
    try (Connection c = db.connection()) {
      assertThat(SchemaPush.contents(c, List.of("public"))).containsExactly(new TableRows("public", "Workout", 2));
      SchemaPush.reset(c, List.of("public"));
      assertThat(SchemaPush.contents(c, List.of("public"))).isEmpty();
    }
    assertThat(db.queryColumn("SELECT typname FROM pg_type WHERE typname = 'Level'")).isEmpty();
  }
}
