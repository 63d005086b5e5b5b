package dev.strata.migrate.dev;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownFileTest {
  @Test
  void lists_dropped_tables_and_columns_in_file_order() {
    String down = """
        -- Undo CreateTable
        DROP TABLE "Post";

        -- Undo AlterTable
        ALTER TABLE "User" DROP COLUMN "name",
        DROP COLUMN "age";
        ALTER TABLE "User" ALTER COLUMN "x" DROP DEFAULT, ALTER COLUMN "y" DROP NOT NULL;
        ALTER TABLE "User" DROP CONSTRAINT "User_pkey";
        ALTER TABLE "s"."T" DROP COLUMN IF EXISTS "c";
        DROP TABLE IF EXISTS "a", "b"."c";
        """;
    assertThat(DownFile.destroys(down)).containsExactly(
        "table `Post`", "column `User`.`name`", "column `User`.`age`", "column `T`.`c`", "table `a`", "table `c`");
  }

  @Test
  void comments_do_not_count_as_drops() {
    assertThat(DownFile.destroys("-- DROP TABLE \"x\";\nCREATE TABLE \"y\" (a int);\n")).isEmpty();
  }

  @Test
  void reads_back_the_irreversible_mark_and_its_reason() {
    String marked = DownFile.markIrreversible("-- Undo\nSELECT 1;\n", "AlterEnum: values\ncannot be removed");
    assertThat(DownFile.irreversibleReason(marked)).contains("AlterEnum: values cannot be removed");
    assertThat(DownFile.irreversibleReason(DownFile.markVerified("SELECT 1;\n"))).isEmpty();
    assertThat(DownFile.irreversibleReason("-- IRREVERSIBLE CreateSchema: left in place\n")).isEmpty();
  }

  @Test
  void records_the_migration_it_was_written_for_and_notices_an_edit() {
    String migration = "CREATE TABLE \"a\" (id int);\n";
    String down = DownFile.markVerified(DownFile.markWrittenFor(migration, "DROP TABLE \"a\";\n"));
    assertThat(down).startsWith(DownFile.VERIFIED + "\n" + DownFile.WRITTEN_FOR);
    assertThat(DownFile.writtenFor(down)).contains(dev.strata.migrate.MigrationChecksum.of(migration));
    assertThat(DownFile.isStale(down, migration)).isFalse();
    assertThat(DownFile.isStale(down, migration.replace("\n", "\r\n"))).as("line endings converted").isFalse();
    assertThat(DownFile.isStale(down, migration + "INSERT INTO \"a\" VALUES (1);\n")).isTrue();
  }

  @Test
  void a_down_file_without_the_record_is_never_stale() {
    assertThat(DownFile.writtenFor(DownFile.VERIFIED + "\nDROP TABLE \"a\";\n")).isEmpty();
    assertThat(DownFile.isStale("DROP TABLE \"a\";\n", "anything")).isFalse();
  }
}
