package dev.strata.lint.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.dialect.LockLevel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The observer against a live server: what it reports is what PostgreSQL did. Each test works in
 * a schema of its own; the concrete classes choose the server.
 */
abstract class MigrationObserverContract {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private Connection connection;
  private Connection other;
  private MigrationObserver observer;
  private String schema;

  /** A new connection to the class's database (autocommit). */
  abstract Connection connect();

  @BeforeEach
  void openSchemaAndObserver() throws SQLException {
    schema = "observe_" + SCHEMAS.incrementAndGet();
    connection = connect();
    other = connect();
    run(connection, "DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema + "; SET search_path TO " + schema);
  }

  @AfterEach
  void close() throws SQLException {
    if (observer != null) {
      observer.close();
    }
    connection.close();
    other.close();
  }

  /** Runs the migration under observation; the observer is opened on first use, once the test's tables exist. */
  private ObservedMigration observe(String script) {
    if (observer == null) {
      observer = MigrationObserver.on(connection, this::connect);
    }
    return observer.observe("20250101000000_test", Path.of("migration.sql"), script);
  }

  /** A table {@code t} with an int primary key, an int column {@code a} and 1000 rows. */
  private void filledTable() throws SQLException {
    run(connection, "CREATE TABLE t (id int PRIMARY KEY, a int); INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g");
  }

  @Test
  void adding_a_column_with_a_constant_default_is_not_a_rewrite() throws SQLException {
    filledTable();
    ObservedStatement add = observe("ALTER TABLE t ADD COLUMN x int DEFAULT 0;").statements().get(0);

    assertThat(add.rewritten()).isEmpty();
    assertThat(add.lockOn(schema, "t")).contains(LockLevel.ACCESS_EXCLUSIVE);
    assertThat(add.lockSource()).isEqualTo(LockSource.TRANSACTION);
    assertThat(add.scanned()).isEmpty();
    assertThat(add.objects()).extracting(ObjectChange::kind, ObjectChange::commandTag, ObjectChange::identity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ObjectChange.Kind.ALTERED, "ALTER TABLE", schema + ".t"));
  }

  @Test
  void changing_int_to_bigint_rewrites_the_table_and_its_index_under_access_exclusive() throws SQLException {
    filledTable();
    ObservedStatement alter = observe("ALTER TABLE t ALTER COLUMN id TYPE bigint;").statements().get(0);

    assertThat(alter.rewrote(schema, "t")).isTrue();
    assertThat(alter.rewrote(schema, "t_pkey")).isTrue();
    assertThat(alter.lockOn(schema, "t")).contains(LockLevel.ACCESS_EXCLUSIVE);
    assertThat(alter.scanned(schema, "t")).isTrue();
  }

  @Test
  void a_binary_compatible_type_change_is_not_a_rewrite() throws SQLException {
    run(connection, "CREATE TABLE s (id int PRIMARY KEY, v varchar(10)); INSERT INTO s SELECT g, 'x' FROM generate_series(1, 100) g");
    ObservedStatement widen = observe("ALTER TABLE s ALTER COLUMN v TYPE varchar(20);").statements().get(0);

    assertThat(widen.rewritten()).isEmpty();
    assertThat(widen.lockOn(schema, "s")).contains(LockLevel.ACCESS_EXCLUSIVE);
  }

  @Test
  void a_foreign_key_not_valid_scans_nothing_and_its_validation_scans_the_table() throws SQLException {
    run(connection, "CREATE TABLE p (id int PRIMARY KEY); INSERT INTO p SELECT generate_series(1, 100);"
        + " CREATE TABLE c (id int PRIMARY KEY, pid int); INSERT INTO c SELECT g, g % 100 + 1 FROM generate_series(1, 1000) g");
    List<ObservedStatement> statements = observe("""
        ALTER TABLE c ADD CONSTRAINT c_pid_fkey FOREIGN KEY (pid) REFERENCES p (id) NOT VALID;
        ALTER TABLE c VALIDATE CONSTRAINT c_pid_fkey;
        """).statements();
    ObservedStatement add = statements.get(0);
    ObservedStatement validate = statements.get(1);

    assertThat(add.lockOn(schema, "c")).contains(LockLevel.SHARE_ROW_EXCLUSIVE);
    assertThat(add.lockOn(schema, "p")).contains(LockLevel.SHARE_ROW_EXCLUSIVE);
    assertThat(add.scanned()).isEmpty();
    assertThat(add.rewritten()).isEmpty();
    assertThat(add.line()).isEqualTo(1);

    assertThat(validate.line()).isEqualTo(2);
    assertThat(validate.scanned(schema, "c")).isTrue();
    assertThat(validate.scanned()).filteredOn(scan -> scan.relation().name().equals("c"))
        .singleElement().satisfies(scan -> assertThat(scan.rowsRead()).isEqualTo(1000));
    assertThat(validate.lockOn(schema, "c")).contains(LockLevel.SHARE_UPDATE_EXCLUSIVE);
    assertThat(validate.rewritten()).isEmpty();
  }

  @Test
  void set_not_null_scans_the_table_without_rewriting_it() throws SQLException {
    filledTable();
    ObservedStatement set = observe("ALTER TABLE t ALTER COLUMN a SET NOT NULL;").statements().get(0);

    assertThat(set.scanned(schema, "t")).isTrue();
    assertThat(set.rewritten()).isEmpty();
    assertThat(set.lockOn(schema, "t")).contains(LockLevel.ACCESS_EXCLUSIVE);
  }

  @Test
  void create_index_takes_share_and_creates_the_index() throws SQLException {
    filledTable();
    ObservedStatement create = observe("CREATE INDEX t_a_idx ON t (a);").statements().get(0);

    assertThat(create.lockOn(schema, "t")).contains(LockLevel.SHARE);
    assertThat(create.scanned(schema, "t")).isTrue();
    assertThat(create.rewritten()).isEmpty();
    assertThat(create.created(schema + ".t_a_idx")).isTrue();
  }

  @Test
  void create_index_concurrently_is_seen_from_a_second_connection_with_share_update_exclusive() throws SQLException {
    filledTable();
    List<ObservedStatement> statements = observe("""
        CREATE INDEX CONCURRENTLY t_a_idx ON t (a);
        """).statements();
    ObservedStatement create = statements.get(0);

    assertThat(create.inTransaction()).isFalse();
    assertThat(create.lockSource()).isEqualTo(LockSource.SAMPLED);
    assertThat(create.lockOn(schema, "t")).contains(LockLevel.SHARE_UPDATE_EXCLUSIVE);
    assertThat(create.scanned(schema, "t")).isTrue();
    assertThat(create.created(schema + ".t_a_idx")).isTrue();
    assertThat(indexIsValid("t_a_idx")).isTrue();
  }

  @Test
  void objects_created_and_dropped_are_named_and_a_new_table_is_not_a_rewrite() throws SQLException {
    filledTable();
    List<ObservedStatement> statements = observe("""
        CREATE TABLE n (id int PRIMARY KEY, name text);
        CREATE INDEX n_name_idx ON n (name);
        ALTER TABLE n ALTER COLUMN id TYPE bigint;
        DROP TABLE t;
        """).statements();

    assertThat(statements.get(0).created(schema + ".n")).isTrue();
    assertThat(statements.get(0).rewritten()).isEmpty();
    assertThat(statements.get(1).created(schema + ".n_name_idx")).isTrue();
    // A rewrite is a rewrite even on a table the same migration created (whether that matters is the linter's call).
    assertThat(statements.get(2).rewrote(schema, "n")).isTrue();
    ObservedStatement drop = statements.get(3);
    assertThat(drop.objects()).extracting(ObjectChange::kind, ObjectChange::objectType, ObjectChange::identity)
        .contains(org.assertj.core.groups.Tuple.tuple(ObjectChange.Kind.DROPPED, "table", schema + ".t"));
    assertThat(drop.lockOn(schema, "t")).contains(LockLevel.ACCESS_EXCLUSIVE);
    assertThat(drop.rewritten()).isEmpty();
  }

  @Test
  void the_lock_modes_reported_are_those_pg_locks_shows_while_the_transaction_is_open() throws Exception {
    run(connection, "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, pid int)");
    // The migration's last statement waits for an advisory lock that the other session holds, so
    // the migration's transaction stays open while the other session reads pg_locks.
    run(other, "SELECT pg_advisory_lock(4242)");
    int pid = Integer.parseInt(strings(connection, "SELECT pg_backend_pid()").get(0));
    CompletableFuture<ObservedMigration> running = CompletableFuture.supplyAsync(() -> observe("""
        ALTER TABLE c ADD CONSTRAINT c_pid_fkey FOREIGN KEY (pid) REFERENCES p (id) NOT VALID;
        CREATE INDEX c_pid_idx ON c (pid);
        ALTER TABLE p ADD COLUMN x int DEFAULT 0;
        SELECT pg_advisory_xact_lock(4242);
        """));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 500 && seen.isEmpty(); i++) {
      if (!strings(other, "SELECT 1 FROM pg_locks WHERE pid = " + pid + " AND locktype = 'advisory' AND NOT granted").isEmpty()) {
        seen.addAll(strings(other, "SELECT c.relname || ' ' || l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE l.pid = " + pid + " AND l.locktype = 'relation'"
            + " AND l.granted AND n.nspname = '" + schema + "'"));
      } else {
        Thread.sleep(10);
      }
    }
    run(other, "SELECT pg_advisory_unlock(4242)");
    ObservedMigration migration = running.get(30, TimeUnit.SECONDS);

    // The other session cannot see the index the open transaction created: that lock is compared apart.
    Set<String> reported = new HashSet<>();
    for (ObservedStatement statement : migration.statements()) {
      for (RelationLock lock : statement.locks()) {
        if (lock.relation().schema().equals(schema) && !lock.relation().name().equals("c_pid_idx")) {
          reported.add(lock.relation().name() + " " + pgLocksMode(lock.mode()));
        }
      }
    }
    assertThat(seen).contains("c ShareRowExclusiveLock", "c ShareLock", "p ShareRowExclusiveLock", "p AccessExclusiveLock");
    assertThat(reported).isEqualTo(seen);
    assertThat(migration.statements().get(1).lockOn(schema, "c_pid_idx")).contains(LockLevel.ACCESS_EXCLUSIVE);
    assertThat(migration.statements().get(1).created(schema + ".c_pid_idx")).isTrue();
  }

  @Test
  void a_migration_that_starts_with_set_transaction_runs_as_it_would_unobserved() throws SQLException {
    filledTable();
    List<ObservedStatement> statements = observe("""
        SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
        UPDATE t SET a = 0;
        """).statements();

    assertThat(statements.get(0).locks()).isEmpty();
    assertThat(statements.get(1).lockOn(schema, "t")).contains(LockLevel.ROW_EXCLUSIVE);
    assertThat(statements.get(1).scanned()).filteredOn(scan -> scan.relation().name().equals("t"))
        .singleElement().satisfies(scan -> assertThat(scan.rowsRead()).isEqualTo(1000));
  }

  @Test
  void a_migration_mixing_transactional_and_concurrent_statements_is_applied_as_the_replayer_applies_it() throws SQLException {
    filledTable();
    ObservedMigration migration = observe("""
        CREATE TABLE a (id int PRIMARY KEY);
        CREATE INDEX CONCURRENTLY t_a_idx ON t (a);
        ALTER TABLE a ADD COLUMN note text;
        ALTER TABLE t ALTER COLUMN a SET NOT NULL;
        """);

    assertThat(migration.statements()).extracting(ObservedStatement::index).containsExactly(0, 1, 2, 3);
    assertThat(migration.statements()).extracting(ObservedStatement::line).containsExactly(1, 2, 3, 4);
    assertThat(migration.statements()).extracting(ObservedStatement::inTransaction).containsExactly(true, false, true, true);
    // A new transaction after the concurrent build: the lock is taken again, and seen again.
    assertThat(migration.statements().get(2).lockOn(schema, "a")).contains(LockLevel.ACCESS_EXCLUSIVE);
    assertThat(migration.statements().get(3).scanned(schema, "t")).isTrue();
    assertThat(indexIsValid("t_a_idx")).isTrue();
    assertThat(strings(other, "SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema
        + "' AND table_name = 'a' AND column_name = 'note'")).containsExactly("1");
  }

  @Test
  void a_failing_statement_fails_the_observation_as_the_replay_and_the_next_one_is_observed() throws SQLException {
    filledTable();
    assertThatThrownBy(() -> observe("""
        ALTER TABLE t ALTER COLUMN id TYPE bigint;
        ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a < 0);
        """)).isInstanceOf(dev.strata.migrate.MigrationFailedException.class)
        .hasMessageContaining("t_a_check");
    // Rolled back: the table was not rewritten for good, and the next migration is observed afresh.
    ObservedStatement alter = observe("ALTER TABLE t ALTER COLUMN id TYPE bigint;").statements().get(0);
    assertThat(alter.rewrote(schema, "t")).isTrue();
    assertThat(alter.lockOn(schema, "t")).contains(LockLevel.ACCESS_EXCLUSIVE);
  }

  @Test
  void close_removes_what_the_observer_installed() throws SQLException {
    filledTable();
    observe("ALTER TABLE t ADD COLUMN y int;");
    observer.close();

    assertThat(strings(other, "SELECT nspname FROM pg_namespace WHERE nspname = 'strata_observe'")).isEmpty();
    assertThat(strings(other, "SELECT evtname FROM pg_event_trigger WHERE evtname LIKE 'strata_observe%'")).isEmpty();
    observer = MigrationObserver.on(connection);
  }

  private static String pgLocksMode(LockLevel level) {
    StringBuilder name = new StringBuilder();
    for (String word : level.name().split("_")) {
      name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return name + "Lock";
  }

  private boolean indexIsValid(String index) throws SQLException {
    return strings(other, "SELECT indisvalid::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = '" + index + "' AND n.nspname = '" + schema + "'")
        .equals(List.of("true"));
  }

  private static void run(Connection on, String sql) throws SQLException {
    try (Statement st = on.createStatement()) {
      st.execute(sql);
    }
  }

  private static List<String> strings(Connection on, String sql) throws SQLException {
    List<String> values = new java.util.ArrayList<>();
    try (Statement st = on.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
