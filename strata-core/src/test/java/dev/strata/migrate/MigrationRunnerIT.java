package dev.strata.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.StatusResult;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import dev.strata.migrate.history.MigrationStatus;
import dev.strata.migrate.run.DeployListener;
import dev.strata.migrate.run.DeployOptions;
import dev.strata.migrate.run.DeployPlan;
import dev.strata.migrate.run.DeployResult;
import dev.strata.migrate.run.MigrationOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@StrataDatabase
class MigrationRunnerIT {
  /** The table as Prisma creates it (schema-engine flavour/postgres.rs). */
  private static final String PRISMA_DDL = """
      CREATE TABLE _prisma_migrations (
          id                      VARCHAR(36) PRIMARY KEY NOT NULL,
          checksum                VARCHAR(64) NOT NULL,
          finished_at             TIMESTAMPTZ,
          migration_name          VARCHAR(255) NOT NULL,
          logs                    TEXT,
          rolled_back_at          TIMESTAMPTZ,
          started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
          applied_steps_count     INTEGER NOT NULL DEFAULT 0
      );
      """;

  @TempDir Path dir;
  private DatabaseUrl url;

  @BeforeEach
  void emptyDatabase(TestDatabase db) {
    db.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS other CASCADE;");
    url = DatabaseUrl.parse(db.url());
  }

  private void migration(String name, String sql) throws IOException {
    Path folder = dir.resolve(name);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("migration.sql"), sql);
  }

  private MigrationRunner runner() {
    return MigrationRunner.of(url, MigrationsDirectory.read(dir));
  }

  private static final String ROW_SHAPE = "select migration_name, length(id), checksum, finished_at is not null, logs, rolled_back_at is not null,"
      + " applied_steps_count, finished_at >= started_at from _prisma_migrations order by started_at";

  @Test
  void deploys_pending_migrations_and_writes_rows_shaped_as_prismas(TestDatabase db) throws IOException {
    String init = "-- CreateTable\nCREATE TABLE \"A\" (\"id\" INTEGER NOT NULL, CONSTRAINT \"A_pkey\" PRIMARY KEY (\"id\"));\n";
    migration("20240101000000_init", init);
    migration("20240102000000_b", "CREATE TABLE \"B\" (\"id\" INTEGER);\nINSERT INTO \"B\" VALUES (1);\n");
    List<String> events = new ArrayList<>();
    DeployResult result = runner().withListener(new DeployListener() {
      @Override public void createdHistoryTable() { events.add("created"); }
      @Override public void applying(String name) { events.add("applying " + name); }
      @Override public void applied(dev.strata.migrate.run.MigrationOutcome o) { events.add("applied " + o.name() + " " + o.statements()); }
    }).deploy();
    assertThat(result.succeeded()).isTrue();
    assertThat(result.found()).isEqualTo(2);
    assertThat(events).containsExactly("created", "applying 20240101000000_init", "applied 20240101000000_init 1",
        "applying 20240102000000_b", "applied 20240102000000_b 2");
    List<String> rows = db.query(ROW_SHAPE, r -> r.getString(1) + "|" + r.getInt(2) + "|" + r.getString(3) + "|" + r.getBoolean(4) + "|"
        + r.getString(5) + "|" + r.getBoolean(6) + "|" + r.getInt(7) + "|" + r.getBoolean(8));
    assertThat(rows).containsExactly(
        "20240101000000_init|36|" + MigrationChecksum.of(init) + "|true|null|false|1|true",
        "20240102000000_b|36|" + MigrationChecksum.of("CREATE TABLE \"B\" (\"id\" INTEGER);\nINSERT INTO \"B\" VALUES (1);\n") + "|true|null|false|1|true");
    // The table is Prisma's, column for column.
    assertThat(db.queryColumn("select column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length::text, '') || ' '"
        + " || is_nullable || ' ' || coalesce(column_default, '') from information_schema.columns"
        + " where table_name = '_prisma_migrations' order by ordinal_position")).containsExactly(
        "id character varying 36 NO ", "checksum character varying 64 NO ", "finished_at timestamp with time zone  YES ",
        "migration_name character varying 255 NO ", "logs text  YES ", "rolled_back_at timestamp with time zone  YES ",
        "started_at timestamp with time zone  NO now()", "applied_steps_count integer  NO 0");

    DeployResult again = runner().deploy();
    assertThat(again.applied()).isEmpty();
    assertThat(again.createdHistoryTable()).isFalse();
    assertThat(runner().status().isUpToDate()).isTrue();
  }

  @Test
  void a_failing_migration_leaves_no_partial_changes_and_a_failed_row_until_resolved(TestDatabase db) throws IOException {
    migration("1_ok", "CREATE TABLE t (i int);\n");
    migration("2_bad", "CREATE TABLE u (i int);\nINSERT INTO u VALUES (1);\n\nINSERT INTO t VALUES (1 / 0);\n");
    migration("3_after", "CREATE TABLE v (i int);\n");
    DeployResult result = runner().deploy();
    assertThat(result.applied()).extracting(o -> o.name()).containsExactly("1_ok");
    assertThat(result.failure()).hasValueSatisfying(f -> {
      assertThat(f.migrationName()).isEqualTo("2_bad");
      assertThat(f.line()).isEqualTo(4);
      assertThat(f.sqlState()).isEqualTo("22012");
    });
    assertThat(db.queryValue("select to_regclass('u')::text")).isEmpty();
    assertThat(db.queryColumn("select migration_name || ' ' || (finished_at is null) || ' ' || (rolled_back_at is null) || ' ' || applied_steps_count"
        + " from _prisma_migrations order by started_at")).containsExactly("1_ok false true 1", "2_bad true true 0");
    String logs = db.queryValue("select logs from _prisma_migrations where migration_name = '2_bad'").orElseThrow();
    assertThat(logs).contains("division by zero").contains("2_bad/migration.sql:4").contains("INSERT INTO t VALUES (1 / 0)").contains("[22012]");

    MigrationStatus status = runner().status();
    assertThat(status.failedMigrationNames()).containsExactly("2_bad");
    assertThat(status.isUpToDate()).isFalse();
    assertThatThrownBy(() -> runner().deploy()).isInstanceOf(StrataException.class).hasMessageStartingWith("P3009: ")
        .hasMessageContaining("The `2_bad` migration started at ");
    assertThatThrownBy(() -> runner().plan()).hasMessageStartingWith("P3009: ");

    migration("2_bad", "CREATE TABLE u (i int);\n");
    runner().markRolledBack("2_bad");
    DeployResult fixed = runner().deploy();
    assertThat(fixed.applied()).extracting(o -> o.name()).containsExactly("2_bad", "3_after");
    assertThat(runner().status().isUpToDate()).isTrue();
    assertThat(db.queryColumn("select migration_name || ' ' || (rolled_back_at is not null) from _prisma_migrations order by started_at"))
        .containsExactly("1_ok false", "2_bad true", "2_bad false", "3_after false");
  }

  @Test
  void a_migration_with_statements_outside_a_transaction_commits_its_started_row_first(TestDatabase db) throws IOException {
    migration("1_mixed", "CREATE TABLE m (i int);\nCREATE INDEX CONCURRENTLY m_i ON m (i);\nINSERT INTO m VALUES (1 / 0);\n");
    DeployResult result = runner().deploy();
    assertThat(result.failure()).hasValueSatisfying(f -> {
      assertThat(f.line()).isEqualTo(3);
      assertThat(f.earlierStatementsCommitted()).isTrue();
    });
    // Prisma's failed state; what ran outside the transaction stays, and the logs say so.
    assertThat(db.queryColumn("select (finished_at is null) || ' ' || (rolled_back_at is null) || ' ' || applied_steps_count"
        + " from _prisma_migrations")).containsExactly("true true 0");
    assertThat(db.queryValue("select logs from _prisma_migrations")).hasValueSatisfying(l -> assertThat(l).contains(
        "These 2 statements of this migration were committed before the failure and remain applied:\n"
            + "  line 1: CREATE TABLE m (i int);\n"
            + "  line 2: CREATE INDEX CONCURRENTLY m_i ON m (i);\n"));
    assertThat(db.queryValue("select to_regclass('m_i')::text")).contains("m_i");
  }

  @Test
  void resolve_follows_prismas_rules(TestDatabase db) throws IOException {
    migration("1_a", "CREATE TABLE a (i int);\n");
    migration("2_b", "CREATE TABLE b (i int);\n");
    assertThatThrownBy(() -> runner().markApplied("nope")).hasMessageStartingWith("P3017: The migration nope could not be found.");
    assertThatThrownBy(() -> runner().markRolledBack("1_a")).hasMessageStartingWith("P3011: ");
    db.execute("CREATE TABLE a (i int)");
    assertThatThrownBy(() -> runner().deploy()).hasMessageStartingWith("P3005: The database schema is not empty.");
    // Baselining: the table is created without the emptiness check, the row is Prisma's resolve row.
    runner().markApplied("1_a");
    assertThat(db.queryColumn("select coalesce(logs, 'NULL') || '|' || applied_steps_count || '|' || (started_at = finished_at)"
        + " from _prisma_migrations")).containsExactly("|0|true");
    assertThatThrownBy(() -> runner().markApplied("1_a")).hasMessageStartingWith("P3008: The migration `1_a` is already recorded as applied");
    assertThatThrownBy(() -> runner().markRolledBack("1_a")).hasMessageStartingWith("P3012: ");
    assertThat(runner().deploy().applied()).extracting(o -> o.name()).containsExactly("2_b");
  }

  @Test
  void resolve_applied_on_a_failed_migration_rolls_its_row_back_and_adds_an_applied_one(TestDatabase db) throws IOException {
    migration("1_bad", "SELECT 1/0;\n");
    assertThat(runner().deploy().failure()).isPresent();
    runner().markApplied("1_bad");
    assertThat(db.queryColumn("select (finished_at is null) || ' ' || (rolled_back_at is null) from _prisma_migrations order by started_at"))
        .containsExactly("true false", "false true");
    assertThat(runner().status().isUpToDate()).isTrue();
  }

  @Test
  void reads_rows_written_by_prisma_including_failed_and_rolled_back_ones(TestDatabase db) throws IOException {
    String init = "-- CreateTable\nCREATE TABLE \"A\" (\"id\" INTEGER NOT NULL, CONSTRAINT \"A_pkey\" PRIMARY KEY (\"id\"));\n";
    migration("20240101000000_init", init);
    migration("20240102000000_second", "CREATE TABLE \"B\" (\"id\" INTEGER NOT NULL);\nINSERT INTO \"B\" VALUES (1);\n");
    migration("20240103000000_third", "SELECT 1;\n");
    db.execute(PRISMA_DDL);
    // Rows as Prisma 7 wrote them (values from the oracle: migrate deploy, a failure, resolve --rolled-back, deploy again).
    db.execute("""
        INSERT INTO _prisma_migrations VALUES
        ('a037b2a2-1d0a-4d6b-8f4b-a399ef526277', '76fcec38f446ef03aded44044bec77f08b5c75b199f4cd363914cc588dc3e30f',
         '2026-11-22 03:36:08.404+00', '20240101000000_init', NULL, NULL, '2026-11-22 03:36:08.386+00', 1),
        ('b82cf4a8-f518-4279-8fd9-5e425d03f7e4', '07e3e3446c200a8ffa31541ecffc50aa305ad37c3a3bfcc56211c25b5955df55',
         NULL, '20240102000000_second', E'external connector error\\nError querying the database: ERROR: division by zero', NULL,
         '2026-11-22 03:36:08.418+00', 0)
        """);
    MigrationStatus failed = runner().status();
    assertThat(failed.entries()).extracting(MigrationStatus.Entry::state).containsExactly(
        StatusResult.State.APPLIED, StatusResult.State.FAILED, StatusResult.State.PENDING);
    assertThat(failed.entries().get(1).record().flatMap(r -> r.logs())).hasValueSatisfying(l -> assertThat(l).contains("division by zero"));
    assertThatThrownBy(() -> runner().deploy())
        .hasMessageContaining("The `20240102000000_second` migration started at 2026-11-22 03:36:08.418 UTC failed");
    db.execute("UPDATE _prisma_migrations SET rolled_back_at = '2026-11-22 03:36:33.917+00' WHERE migration_name = '20240102000000_second'");
    MigrationStatus rolledBack = runner().status();
    assertThat(rolledBack.entries().get(1).state()).isEqualTo(StatusResult.State.ROLLED_BACK);
    assertThat(rolledBack.pendingMigrationNames()).containsExactly("20240102000000_second", "20240103000000_third");
    assertThat(runner().deploy().applied()).hasSize(2);
    MigrationStatus done = runner().status();
    assertThat(done.isUpToDate()).isTrue();
    assertThat(done.editedMigrationNames()).isEmpty();
  }

  @Test
  void dry_run_plans_without_touching_the_database(TestDatabase db) throws IOException {
    migration("1_a", "CREATE TABLE a (i int);\nCREATE INDEX a_i ON a (i);\n");
    DeployPlan plan = runner().plan();
    assertThat(plan.createsHistoryTable()).isTrue();
    assertThat(plan.pending()).containsExactly(new DeployPlan.Pending("1_a", 2));
    assertThat(db.queryValue("select to_regclass('_prisma_migrations')::text")).isEmpty();
  }

  @Test
  void the_history_lives_in_the_urls_schema_which_is_created_when_missing(TestDatabase db) throws IOException {
    migration("1_a", "CREATE TABLE a (i int);\n");
    url = DatabaseUrl.parse(db.url() + "?schema=other");
    assertThat(runner().deploy().applied()).hasSize(1);
    assertThat(db.queryColumn("select table_schema || '.' || table_name from information_schema.tables where table_schema in ('public', 'other') order by 1"))
        .containsExactly("other._prisma_migrations", "other.a");
  }

  @Test
  void waits_for_the_advisory_lock_and_times_out_with_p1002(TestDatabase db) throws Exception {
    migration("1_a", "CREATE TABLE a (i int);\n");
    try (Connection holder = db.connection(); Statement s = holder.createStatement()) {
      s.execute("SELECT pg_advisory_lock(72707369)");
      List<String> waits = new ArrayList<>();
      DeployListener listener = new DeployListener() {
        @Override public void waitingForLock() { waits.add("waiting"); }
      };
      assertThatThrownBy(() -> runner().withOptions(DeployOptions.defaults().withAdvisoryLockTimeout(Duration.ofMillis(200)))
          .withListener(listener).deploy()).hasMessageStartingWith("P1002: Timed out trying to acquire a postgres advisory lock");
      assertThat(waits).containsExactly("waiting");
      // The timed-out deploy's session is gone before the next one starts, so that lockPoll sees only the next.
      long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (lockPoll(db).isPresent()) {
        assertThat(System.nanoTime()).as("the timed-out deploy's session ends within 60 s").isLessThan(gone);
        Thread.sleep(10);
      }

      CountDownLatch secondWaits = new CountDownLatch(1);
      CompletableFuture<DeployResult> waiting = CompletableFuture.supplyAsync(
          () -> runner().withOptions(DeployOptions.defaults().withAdvisoryLockTimeout(Duration.ofSeconds(60)))
              .withListener(new DeployListener() {
                @Override public void waitingForLock() { secondWaits.countDown(); }
              }).deploy());
      // Events, not the clock: the deploy says it waits, then polls the lock again (and does nothing else) while it is held.
      assertThat(secondWaits.await(60, TimeUnit.SECONDS)).as("the second deploy reports waiting for the lock").isTrue();
      Optional<String> firstPoll = lockPoll(db);
      assertThat(firstPoll).as("the waiting deploy's pg_try_advisory_lock").isPresent();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      for (Optional<String> poll = firstPoll; poll.equals(firstPoll); poll = lockPoll(db)) {
        assertThat(poll).as("the deploy keeps polling for the lock, doing nothing else, while it is held").isPresent();
        assertThat(System.nanoTime()).as("the deploy polls the lock again within 60 s").isLessThan(deadline);
        Thread.sleep(10);
      }
      assertThat(lockPoll(db)).as("the deploy keeps polling for the lock, doing nothing else, while it is held").isPresent();
      assertThat(waiting).isNotDone();
      assertThat(db.queryValue("select to_regclass('a')::text")).isEmpty();
      s.execute("SELECT pg_advisory_unlock(72707369)");
      assertThat(waiting.get(30, TimeUnit.SECONDS).applied()).hasSize(1);
    }
  }

  @Test
  void a_statement_lock_timeout_is_retried_with_backoff_then_leaves_the_migration_unapplied_and_unrecorded(TestDatabase db)
      throws Exception {
    db.execute("CREATE TABLE busy (i int)");
    migration("0_base", "CREATE TABLE busy (i int);\n");
    runner().markApplied("0_base");
    migration("1_alter", "CREATE TABLE before_lock (i int);\nALTER TABLE busy ADD COLUMN j int;\n");
    // Not one transaction (VACUUM runs outside one): Prisma's started row is written first, and must go again.
    migration("2_vacuum", "VACUUM busy;\nALTER TABLE busy ADD COLUMN k int;\n");
    DeployOptions options = DeployOptions.defaults().withStatementLockTimeout(Duration.ofMillis(100)).withLockRetries(2, Duration.ofMillis(50));
    List<String> retries = new ArrayList<>();
    DeployListener listener = new DeployListener() {
      @Override public void retrying(String name, int failedAttempt, int maxAttempts, Duration delay, String error) {
        retries.add(name + " " + failedAttempt + "/" + maxAttempts + " " + delay.toMillis());
      }
    };
    try (Connection holder = db.connection(); Statement s = holder.createStatement()) {
      s.execute("BEGIN");
      s.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
      DeployResult result = runner().withOptions(options).withListener(listener).deploy();
      assertThat(retries).containsExactly("1_alter 1/3 50", "1_alter 2/3 100");
      assertThat(result.succeeded()).isFalse();
      assertThat(result.failure()).isEmpty();
      assertThat(result.interrupted()).isFalse();
      assertThat(result.notApplied()).hasValueSatisfying(n -> {
        assertThat(n.migration()).isEqualTo("1_alter");
        assertThat(n.reason()).isEqualTo(DeployResult.Reason.LOCK_TIMEOUT);
        assertThat(n.attempts()).isEqualTo(3);
      });
      assertThat(db.queryValue("select to_regclass('before_lock')::text")).isEmpty();
      // Not recorded as failed: nothing would block the next deploy.
      assertThat(db.queryColumn("select migration_name from _prisma_migrations order by 1")).containsExactly("0_base");
      s.execute("ROLLBACK");
    }
    // The non-atomic migration: its started row is removed again when it times out before committing anything.
    runner().withOptions(DeployOptions.defaults()).deploy();
    migration("3_vacuum", "VACUUM busy;\nALTER TABLE busy ADD COLUMN l int;\n");
    try (Connection holder = db.connection(); Statement s = holder.createStatement()) {
      s.execute("BEGIN");
      s.execute("LOCK TABLE busy IN SHARE MODE");
      DeployResult result = runner().withOptions(options).deploy();
      assertThat(result.notApplied()).hasValueSatisfying(n -> assertThat(n.migration()).isEqualTo("3_vacuum"));
      assertThat(db.queryValue("select count(*) from _prisma_migrations where migration_name = '3_vacuum'")).contains("0");
      s.execute("ROLLBACK");
    }
    retries.clear();
    try (Connection holder = db.connection(); Statement s = holder.createStatement()) {
      s.execute("BEGIN");
      s.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
      CountDownLatch firstRetry = new CountDownLatch(1);
      DeployListener releaseOnRetry = new DeployListener() {
        @Override public void retrying(String name, int failedAttempt, int maxAttempts, Duration delay, String error) {
          listener.retrying(name, failedAttempt, maxAttempts, delay, error);
          firstRetry.countDown();
        }
      };
      CompletableFuture<DeployResult> deploy = CompletableFuture.supplyAsync(() -> runner().withOptions(
          DeployOptions.defaults().withStatementLockTimeout(Duration.ofMillis(100)).withLockRetries(5, Duration.ofMillis(200)))
          .withListener(releaseOnRetry).deploy());
      // An event, not the clock: the lock goes once the first attempt has timed out, so that a retry succeeds.
      assertThat(firstRetry.await(60, TimeUnit.SECONDS)).as("a retry is announced").isTrue();
      s.execute("ROLLBACK");
      DeployResult result = deploy.get(30, TimeUnit.SECONDS);
      assertThat(result.succeeded()).isTrue();
      assertThat(result.applied()).extracting(MigrationOutcome::name).containsExactly("3_vacuum");
      assertThat(result.applied().get(0).attempts()).isGreaterThan(1).isEqualTo(retries.size() + 1);
    }
  }

  /** When another session of this database last ran {@code pg_try_advisory_lock} (its last statement), if one did. */
  private static Optional<String> lockPoll(TestDatabase db) {
    return db.queryValue("select query_start::text from pg_stat_activity where datname = current_database()"
        + " and pid <> pg_backend_pid() and query like 'SELECT pg_try_advisory_lock(%'");
  }

  @Test
  void concurrent_deploys_apply_every_migration_once(TestDatabase db) throws Exception {
    for (int i = 1; i <= 20; i++) {
      migration(String.format("%02d_m", i), "CREATE TABLE t" + i + " (i int);\nSELECT pg_sleep(0.01);\n");
    }
    List<CompletableFuture<DeployResult>> runs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      runs.add(CompletableFuture.supplyAsync(() -> runner().withOptions(DeployOptions.defaults().withAdvisoryLockTimeout(Duration.ofSeconds(60))).deploy()));
    }
    int applied = 0;
    for (CompletableFuture<DeployResult> run : runs) {
      applied += run.get(120, TimeUnit.SECONDS).applied().size();
    }
    assertThat(applied).isEqualTo(20);
    assertThat(db.queryValue("select count(*) from _prisma_migrations")).contains("20");
    assertThat(db.queryValue("select count(distinct migration_name) from _prisma_migrations where finished_at is not null")).contains("20");
    assertThat(Map.of("ok", runner().status().isUpToDate())).containsEntry("ok", true);
  }
}
