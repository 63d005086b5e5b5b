package dev.strata.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.migrate.SqlStatement.TransactionControl;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlStatementTest {

  private static SqlStatement statement(String text) {
    return new SqlStatement(text, 1, 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "CREATE INDEX CONCURRENTLY \"a_idx\" ON \"a\"(\"b\");",
      "create unique index concurrently if not exists i on t (c);",
      "-- CreateIndex\nCREATE INDEX CONCURRENTLY i ON t (c);",
      "DROP INDEX CONCURRENTLY IF EXISTS \"a_idx\";",
      "REINDEX INDEX CONCURRENTLY i;",
      "REINDEX (VERBOSE) TABLE CONCURRENTLY t;",
      "REINDEX (CONCURRENTLY) TABLE t;",
      "REINDEX DATABASE app;",
      "VACUUM ANALYZE t;",
      "vacuum;",
      "CREATE DATABASE other;",
      "DROP DATABASE other;",
      "CREATE TABLESPACE s LOCATION '/x';",
      "ALTER SYSTEM SET work_mem = '64MB';",
      "COMMIT PREPARED 'x';"})
  void recognises_statements_that_cannot_run_in_a_transaction_block(String sql) {
    assertThat(statement(sql).needsNoTransaction()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "CREATE INDEX \"concurrently\" ON t (c);",
      "CREATE INDEX i ON t (concurrently);",
      "REINDEX TABLE t;",
      "CREATE TABLE database (id int);",
      "ALTER TABLE system ADD COLUMN c int;",
      "ALTER TYPE \"Role\" ADD VALUE 'ADMIN';",
      "SELECT 'VACUUM';",
      "DO $$ BEGIN EXECUTE 'VACUUM'; END $$;"})
  void runs_everything_else_inside_a_transaction(String sql) {
    assertThat(statement(sql).needsNoTransaction()).isFalse();
  }

  @Test
  void records_enum_value_additions_which_only_old_servers_refuse_in_a_transaction() {
    SqlStatement add = statement("ALTER TYPE \"public\".\"Role\" ADD VALUE IF NOT EXISTS 'ADMIN' BEFORE 'USER';");
    assertThat(add.addsEnumValue()).isTrue();
    assertThat(add.needsNoTransactionOn(11)).isTrue();
    assertThat(add.needsNoTransactionOn(12)).isFalse();
    assertThat(statement("ALTER TYPE \"Role\" RENAME VALUE 'A' TO 'B';").addsEnumValue()).isFalse();
    assertThat(statement("ALTER TABLE t ADD VALUE int;").addsEnumValue()).isFalse();
  }

  @Test
  void classifies_transaction_control() {
    assertThat(statement("BEGIN;").transactionControl()).contains(TransactionControl.BEGIN);
    assertThat(statement("begin transaction isolation level serializable;").transactionControl()).contains(TransactionControl.BEGIN);
    assertThat(statement("START TRANSACTION;").transactionControl()).contains(TransactionControl.BEGIN);
    assertThat(statement("COMMIT;").transactionControl()).contains(TransactionControl.COMMIT);
    assertThat(statement("END;").transactionControl()).contains(TransactionControl.COMMIT);
    assertThat(statement("ROLLBACK;").transactionControl()).contains(TransactionControl.ROLLBACK);
    assertThat(statement("ABORT;").transactionControl()).contains(TransactionControl.ROLLBACK);
    assertThat(statement("ROLLBACK TO SAVEPOINT s;").transactionControl()).isEmpty();
    assertThat(statement("ROLLBACK WORK TO s;").transactionControl()).isEmpty();
    assertThat(statement("COMMIT PREPARED 'x';").transactionControl()).isEmpty();
    assertThat(statement("START something;").transactionControl()).isEmpty();
    assertThat(statement("DO $$ BEGIN END $$;").isTransactionControl()).isFalse();
    assertThat(statement("").transactionControl()).isEqualTo(Optional.empty());
  }

  @Test
  void locates_a_character_position_on_its_line_in_the_script() {
    SqlStatement s = new SqlStatement("CREATE TABLE a (\n  id intt\n);", 10, 200);
    assertThat(s.lineOf(1)).isEqualTo(10);
    assertThat(s.lineOf(s.text().indexOf("intt") + 1)).isEqualTo(11);
    assertThat(s.lineOf(10_000)).isEqualTo(12);
    assertThat(s.lineOf(-5)).isEqualTo(10);
  }

  @Test
  void shows_the_first_line_cut_to_a_readable_length() {
    assertThat(statement("CREATE TABLE a (\n  id int\n);").firstLine()).isEqualTo("CREATE TABLE a (");
    assertThat(statement("SELECT " + "x".repeat(300)).firstLine()).hasSize(120).endsWith("...");
  }

  @Test
  void finds_the_extension_a_create_extension_statement_needs() {
    assertThat(MigrationReplayer.extensionName(statement("CREATE EXTENSION IF NOT EXISTS \"vector\";"))).contains("vector");
    assertThat(MigrationReplayer.extensionName(statement("create extension PG_TRGM with schema public;"))).contains("pg_trgm");
    assertThat(MigrationReplayer.extensionName(statement("CREATE TABLE vector (id int);"))).isEmpty();
  }

  @Test
  void names_the_index_and_table_of_a_create_index_concurrently() {
    assertThat(new SqlStatement("CREATE INDEX CONCURRENTLY \"A_b_idx\" ON \"public\".\"A\"(\"b\");", 1, 0).concurrentIndexCreated())
        .contains(new SqlStatement.ConcurrentIndex("A_b_idx", "\"public\".\"A\""));
    assertThat(new SqlStatement("create unique index concurrently if not exists Idx on only t (c)", 1, 0).concurrentIndexCreated())
        .contains(new SqlStatement.ConcurrentIndex("idx", "t"));
    assertThat(new SqlStatement("CREATE INDEX CONCURRENTLY ON t (c)", 1, 0).concurrentIndexCreated()).isEmpty();
    assertThat(new SqlStatement("CREATE INDEX idx ON t (c)", 1, 0).concurrentIndexCreated()).isEmpty();
    assertThat(new SqlStatement("DROP INDEX CONCURRENTLY idx", 1, 0).concurrentIndexCreated()).isEmpty();
  }
}
