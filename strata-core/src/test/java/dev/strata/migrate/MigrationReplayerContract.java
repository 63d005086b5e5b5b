package dev.strata.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.embedded.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replayer against a live server: the transaction semantics of Prisma's replay and the
 * failure reports. Each test works in a schema of its own in the class's database; the concrete
 * classes choose the server.
 */
abstract class MigrationReplayerContract {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private final TestDatabase db;
  private Connection connection;
  /** A second session, to watch the replayer's session from outside. */
  private Connection observer;
  private int backendPid;
  private String schema;

  MigrationReplayerContract(TestDatabase db) {
    this.db = db;
  }

  @BeforeEach
  void openSchema() throws SQLException {
    schema = "replay_" + SCHEMAS.incrementAndGet();
    connection = db.connection();
    observer = db.connection();
    backendPid = Integer.parseInt(strings("SELECT pg_backend_pid()").get(0));
    run("CREATE SCHEMA " + schema);
    run("SET search_path TO " + schema);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
    observer.close();
  }

  private static MigrationFolder folder(String name, String sql) {
    return new MigrationFolder(name, Path.of("prisma", "migrations", name), Optional.of(sql), Optional.empty(), List.of());
  }

  private MigrationReplayer replayer() {
    return MigrationReplayer.on(connection);
  }

  @Test
  void replays_migrations_in_order_and_reports_each() throws SQLException {
    ReplayResult result = replayer().replay(List.of(
        folder("1_init", "-- CreateTable\nCREATE TABLE \"User\" (id int PRIMARY KEY);\n"),
        folder("2_more", "ALTER TABLE \"User\" ADD COLUMN name text;\nINSERT INTO \"User\" VALUES (1, 'a;b');\n")));
    assertThat(result.applied()).extracting(AppliedMigration::name).containsExactly("1_init", "2_more");
    assertThat(result.statements()).isEqualTo(3);
    assertThat(strings("SELECT name FROM \"User\"")).containsExactly("a;b");
  }

  @Test
  void names_folder_line_statement_and_sqlstate_of_a_broken_statement_and_applies_nothing_of_it() throws SQLException {
    String sql = "-- CreateTable\nCREATE TABLE a (id int);\n\n-- Broken\nCREATE TABLE b (\n  id intt\n);\n\nCREATE TABLE c (id int);\n";
    MigrationFailedException e = failureOf(() -> replayer().apply(folder("20240101000000_broken", sql)));
    MigrationFailure f = e.failure();
    assertThat(f.migrationName()).isEqualTo("20240101000000_broken");
    assertThat(f.statement().startLine()).isEqualTo(5);
    assertThat(f.line()).isEqualTo(6);
    assertThat(f.lineText()).isEqualTo("  id intt");
    assertThat(f.sqlState()).isEqualTo("42704");
    assertThat(f.databaseMessage()).contains("type \"intt\" does not exist");
    assertThat(f.earlierStatementsCommitted()).isFalse();
    assertThat(e.code()).isEqualTo(ErrorCode.DATABASE);
    assertThat(e.getMessage())
        .contains("Migration `20240101000000_broken` failed to apply.")
        .contains(Path.of("prisma", "migrations", "20240101000000_broken", "migration.sql") + ":6")
        .contains("6 |   id intt")
        .contains("in the statement starting at line 5: CREATE TABLE b (")
        .contains("Database error [42704]: type \"intt\" does not exist")
        .contains("Nothing of this migration was applied");
    assertThat(tables()).isEmpty();
    assertThat(inTransaction()).isFalse();
  }

  @Test
  void stops_a_history_at_the_failing_migration_keeping_the_ones_before() throws SQLException {
    List<MigrationFolder> history = List.of(
        folder("1_ok", "CREATE TABLE a (id int);"),
        folder("2_bad", "CREATE TABLE b (id int);\nINSERT INTO missing VALUES (1);"),
        folder("3_never", "CREATE TABLE c (id int);"));
    MigrationFailedException e = failureOf(() -> replayer().replay(history));
    assertThat(e.failure().migrationName()).isEqualTo("2_bad");
    assertThat(e.failure().line()).isEqualTo(2);
    assertThat(e.failure().sqlState()).isEqualTo("42P01");
    assertThat(tables()).containsExactly("a");
  }

  @Test
  void refuses_a_folder_without_migration_sql_before_applying_anything() throws SQLException {
    MigrationFolder missing = new MigrationFolder("2_missing", Path.of("m", "2_missing"), Optional.empty(), Optional.empty(), List.of());
    assertThatThrownBy(() -> replayer().replay(List.of(folder("1_ok", "CREATE TABLE a (id int);"), missing)))
        .isInstanceOf(StrataException.class)
        .hasMessageContaining("Could not find the migration file at " + Path.of("m", "2_missing", "migration.sql"))
        .extracting(t -> ((StrataException) t).code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(tables()).isEmpty();
  }

  @Test
  void runs_create_index_concurrently_outside_the_transaction_even_among_other_statements() throws SQLException {
    String sql = "CREATE TABLE t (id int, v text);\n-- CreateIndex\nCREATE INDEX CONCURRENTLY \"t_v_idx\" ON t (v);\n"
        + "DROP INDEX CONCURRENTLY \"t_v_idx\";\nCREATE UNIQUE INDEX CONCURRENTLY t_id_key ON t (id);\n";
    AppliedMigration applied = replayer().apply(folder("20240101000000_idx", sql));
    assertThat(applied.statements()).isEqualTo(4);
    assertThat(applied.outsideTransaction()).isEqualTo(3);
    assertThat(applied.notes()).singleElement().asString().contains("before line 3");
    assertThat(strings("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")).containsExactly("t_id_key");
    assertThat(strings("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).containsExactly("0");
  }

  @Test
  void honours_begin_and_commit_in_the_file() throws SQLException {
    String sql = "BEGIN;\nCREATE TYPE \"Role\" AS ENUM ('A');\nCOMMIT;\nBEGIN;\nALTER TYPE \"Role\" ADD VALUE 'B';\nCOMMIT;\n"
        + "CREATE TABLE u (r \"Role\" DEFAULT 'B');\n";
    AppliedMigration applied = replayer().apply(folder("20240101000000_enum", sql));
    assertThat(applied.statements()).isEqualTo(7);
    assertThat(strings("SELECT unnest(enum_range(NULL::\"Role\"))::text")).containsExactly("A", "B");
    assertThat(inTransaction()).isFalse();
  }

  @Test
  void commits_a_transaction_the_file_leaves_open_and_leaves_none_behind() throws SQLException {
    AppliedMigration applied = replayer().apply(folder("20240101000000_open", "BEGIN;\nCREATE TABLE left_open (id int);\n"));
    assertThat(applied.notes()).singleElement().asString().contains("BEGIN without COMMIT");
    assertThat(inTransaction()).isFalse();
    assertThat(tables()).containsExactly("left_open");
  }

  @Test
  void the_transaction_probe_sees_a_begin_sent_in_autocommit_mode() throws SQLException {
    assertThat(inTransaction()).isFalse();
    run("BEGIN");
    assertThat(connection.getAutoCommit()).isTrue();
    assertThat(inTransaction()).isTrue();
    run("ROLLBACK");
    assertThat(inTransaction()).isFalse();
  }

  @Test
  void keeps_what_a_file_committed_before_a_later_failure_and_says_so() throws SQLException {
    String sql = "BEGIN;\nCREATE TABLE kept (id int);\nCOMMIT;\nCREATE TABLE lost (id int);\nSELECT 1/0;\n";
    MigrationFailedException e = failureOf(() -> replayer().apply(folder("20240101000000_partial", sql)));
    assertThat(e.failure().line()).isEqualTo(5);
    assertThat(e.failure().sqlState()).isEqualTo("22012");
    assertThat(e.failure().earlierStatementsCommitted()).isTrue();
    assertThat(e.failure().committedStatements()).extracting(SqlStatement::startLine).containsExactly(2);
    assertThat(e.getMessage()).contains("This statement of this migration was committed before the failure and remains applied:\n"
        + "  line 2: CREATE TABLE kept (id int);");
    assertThat(tables()).containsExactly("kept");
  }

  @Test
  void lists_exactly_the_statements_committed_before_a_failure_after_create_index_concurrently() throws SQLException {
    String sql = "CREATE TABLE t (id int);\n"
        + "INSERT INTO t VALUES (1);\n"
        + "-- CreateIndex\n"
        + "CREATE INDEX CONCURRENTLY t_id\n  ON t (id);\n"
        + "INSERT INTO t VALUES (2);\n"
        + "SELECT 1/0;\n";
    MigrationFailedException e = failureOf(() -> replayer().apply(folder("20240101000000_concurrently", sql)));
    assertThat(e.failure().line()).isEqualTo(7);
    assertThat(e.failure().committedStatements()).extracting(SqlStatement::startLine).containsExactly(1, 2, 4);
    assertThat(e.getMessage()).endsWith("These 3 statements of this migration were committed before the failure and remain applied:\n"
        + "  line 1: CREATE TABLE t (id int);\n"
        + "  line 2: INSERT INTO t VALUES (1);\n"
        + "  line 4: CREATE INDEX CONCURRENTLY t_id");
    // line 6 ran in the transaction that the failure rolled back
    assertThat(strings("SELECT id::text FROM t")).containsExactly("1");
  }

  @Test
  void uses_a_new_enum_value_in_the_same_file_only_after_a_commit_as_prisma_does() throws SQLException {
    run("CREATE TYPE \"Status\" AS ENUM ('A')");
    String sql = "ALTER TYPE \"Status\" ADD VALUE 'B';\nCREATE TABLE s (v \"Status\" DEFAULT 'B');\n";
    // Prisma sends the file as one implicit transaction, where PostgreSQL forbids using the new value.
    MigrationFailedException e = failureOf(() -> replayer().apply(folder("20240101000000_status", sql)));
    assertThat(e.failure().sqlState()).isEqualTo("55P04");
    assertThat(e.failure().line()).isEqualTo(2);
    assertThat(strings("SELECT unnest(enum_range(NULL::\"Status\"))::text")).containsExactly("A");
  }

  @Test
  void replays_function_bodies_do_blocks_and_triggers_from_a_crlf_file() throws SQLException {
    String sql = String.join("\r\n",
        "CREATE TABLE item (id int, updated timestamp);",
        "CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$",
        "BEGIN",
        "  NEW.updated := now(); -- a semicolon; in a comment",
        "  RETURN NEW;",
        "END;",
        "$$ LANGUAGE plpgsql;",
        "CREATE TRIGGER item_touch BEFORE INSERT ON item FOR EACH ROW EXECUTE FUNCTION touch();",
        "DO $body$",
        "BEGIN",
        "  IF NOT EXISTS (SELECT 1 FROM item) THEN INSERT INTO item (id) VALUES (1); END IF;",
        "END",
        "$body$;",
        "");
    AppliedMigration applied = replayer().apply(folder("20240101000000_fn", sql));
    assertThat(applied.statements()).isEqualTo(4);
    assertThat(strings("SELECT (updated IS NOT NULL)::text FROM item")).containsExactly("true");
  }

  @Test
  void reports_a_missing_extension_by_name_with_the_migration() throws SQLException {
    org.junit.jupiter.api.Assumptions.assumeTrue(strings("SELECT name FROM pg_available_extensions WHERE name = 'vector'").isEmpty(),
        "this server has pgvector");
    String sql = "CREATE TABLE a (id int);\n-- CreateExtension\nCREATE EXTENSION IF NOT EXISTS \"vector\";\n";
    MigrationFailedException e = failureOf(() -> replayer().apply(folder("20240101000000_pgvector", sql)));
    assertThat(e.failure().missingExtension()).contains("vector");
    assertThat(e.failure().line()).isEqualTo(3);
    assertThat(e.getMessage())
        .startsWith("Migration `20240101000000_pgvector` failed to apply: it needs the PostgreSQL extension \"vector\", "
            + "which is not available on this server (PostgreSQL ")
        .contains("3 | CREATE EXTENSION IF NOT EXISTS \"vector\";")
        .contains("Install the extension \"vector\" on the database server");
    assertThat(tables()).isEmpty();
  }

  @Test
  void does_not_blame_a_missing_extension_when_the_extension_exists() throws SQLException {
    String sql = "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA no_such_schema;";
    MigrationFailedException e = failureOf(() -> replayer().apply(folder("20240101000000_trgm", sql)));
    assertThat(e.failure().missingExtension()).isEmpty();
    assertThat(e.getMessage()).contains("failed to apply.").doesNotContain("not available");
  }

  @Test
  void reports_a_deferred_constraint_that_fails_at_commit() throws SQLException {
    String sql = "CREATE TABLE p (id int PRIMARY KEY);\n"
        + "CREATE TABLE ch (pid int REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED);\n"
        + "INSERT INTO ch VALUES (42);\n";
    MigrationFailedException e = failureOf(() -> replayer().apply(folder("20240101000000_deferred", sql)));
    assertThat(e.failure().sqlState()).isEqualTo("23503");
    assertThat(tables()).isEmpty();
  }

  @Test
  void leaves_the_connection_usable_in_autocommit_after_a_failure() throws SQLException {
    failureOf(() -> replayer().apply(folder("1_bad", "SELECT nope;")));
    assertThat(connection.getAutoCommit()).isTrue();
    assertThat(inTransaction()).isFalse();
    replayer().apply(folder("2_ok", "CREATE TABLE after_failure (id int);"));
    assertThat(tables()).containsExactly("after_failure");
  }

  private void run(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  private List<String> strings(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private List<String> tables() throws SQLException {
    return strings("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1");
  }

  /** The failure of {@code action}, which must throw a {@link MigrationFailedException}. */
  private static MigrationFailedException failureOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable action) {
    Throwable thrown = catchThrowable(action);
    assertThat(thrown).as("the migration should have failed").isInstanceOf(MigrationFailedException.class);
    return (MigrationFailedException) thrown;
  }

  /**
   * Whether the replayer's session has a transaction open, seen from a second session: the server's
   * own view ({@code idle in transaction}, also after a {@code BEGIN} sent in autocommit mode) or a
   * JDBC transaction (autocommit off).
   */
  private boolean inTransaction() throws SQLException {
    String state;
    try (java.sql.PreparedStatement query = observer.prepareStatement("SELECT state FROM pg_stat_activity WHERE pid = ?")) {
      query.setInt(1, backendPid);
      try (ResultSet rs = query.executeQuery()) {
        assertThat(rs.next()).as("backend %d of the replayer's session is listed", backendPid).isTrue();
        state = rs.getString(1);
      }
    }
    return state.startsWith("idle in transaction") || !connection.getAutoCommit();
  }
}
