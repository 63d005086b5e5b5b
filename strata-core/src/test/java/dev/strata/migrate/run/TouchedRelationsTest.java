package dev.strata.migrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.migrate.SqlSplitter;
import org.junit.jupiter.api.Test;

class TouchedRelationsTest {
  @Test
  void names_the_tables_of_ddl_dml_and_foreign_key_targets_once_each() {
    String sql = """
        -- AlterTable
        ALTER TABLE "User" ADD COLUMN "age" INTEGER;
        CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "User_email_key" ON "User"("email");
        CREATE INDEX ON ONLY public.orders (id);
        ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id");
        DROP TABLE IF EXISTS a, s . b;
        TRUNCATE TABLE logs;
        UPDATE ONLY accounts SET x = 1;
        DELETE FROM sessions;
        INSERT INTO audit VALUES (1);
        LOCK TABLE locked IN SHARE MODE;
        CREATE TABLE fresh (id INT);
        """;
    assertThat(TouchedRelations.of(SqlSplitter.split(sql))).containsExactly(
        "\"User\"", "public.orders", "\"Post\"", "a", "s.b", "logs", "accounts", "sessions", "audit", "locked");
  }

  @Test
  void reads_lower_case_keywords_after_a_leading_comment_and_references_in_a_create_table() {
    assertThat(TouchedRelations.of(SqlSplitter.split(
        "/* by hand */ alter table t add column x int;\ncreate table u (id int references \"V\"(id));\ndrop   table w;\n")))
        .containsExactly("t", "\"V\"", "w");
  }

  @Test
  void names_nothing_for_statements_of_other_forms() {
    assertThat(TouchedRelations.of(SqlSplitter.split("CREATE TYPE mood AS ENUM ('a');\nDO $$ BEGIN PERFORM 1; END $$;\n"))).isEmpty();
  }
}
