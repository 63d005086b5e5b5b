package dev.strata.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.DatabaseUrl;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import dev.strata.Cancellation;
import dev.strata.migrate.run.DeployListener;
import dev.strata.migrate.run.DeployOptions;
import dev.strata.migrate.run.DeployResult;
import dev.strata.migrate.run.MigrationOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy stopped from another thread ({@link Cancellation}, what Ctrl-C and SIGTERM do in the
 * CLI), and where the advisory lock lives: on the session that does the work.
 */
@StrataDatabase
class MigrationRunnerCancelIT {
  @TempDir Path dir;
  private DatabaseUrl url;

  @BeforeEach
  void emptyDatabase(TestDatabase db) {
    db.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
    url = DatabaseUrl.parse(db.url());
  }

  private void migration(String name, String sql) throws IOException {
    Path folder = dir.resolve(name);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("migration.sql"), sql);
  }

  /** A table {@code t} in a database with (empty) migration history, so that deploy does not ask for a baseline. */
  private static void tableWithHistory(TestDatabase db) {
    db.execute("CREATE TABLE t (i int)");
    db.execute("CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL,"
        + " finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,"
        + " started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)");
  }

  private CompletableFuture<DeployResult> deployAsync(Cancellation cancellation) {
    MigrationRunner runner = MigrationRunner.of(url, MigrationsDirectory.read(dir)).withCancellation(cancellation)
        .withOptions(DeployOptions.defaults().withAdvisoryLockTimeout(Duration.ofSeconds(30)));
    return CompletableFuture.supplyAsync(runner::deploy);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition reached in time").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private static boolean sleeping(TestDatabase db) {
    return db.queryValue("select count(*) from pg_stat_activity where query like '%pg_sleep(30)%' and pid <> pg_backend_pid()"
        + " and state = 'active'").filter(c -> !c.equals("0")).isPresent();
  }

  @Test
  void the_advisory_lock_is_held_by_the_session_running_the_migration(TestDatabase db) throws Exception {
    migration("1_sleep", "SELECT pg_sleep(30);\n");
    Cancellation cancellation = new Cancellation();
    CompletableFuture<DeployResult> deploy = deployAsync(cancellation);
    await(() -> sleeping(db));
    assertThat(db.queryValue("select l.pid = a.pid from pg_locks l join pg_stat_activity a on a.query like '%pg_sleep(30)%'"
        + " and a.pid <> pg_backend_pid() where l.locktype = 'advisory' and l.objid = 72707369 and l.granted"))
        .as("the lock's session is the one running the migration").contains("t");
    assertThat(db.queryValue("select count(*) from pg_stat_activity where application_name = 'strata' and pid <> pg_backend_pid()"))
        .as("one session only").contains("1");
    if (db.queryValue("select current_setting('server_version_num')::int >= 140000").orElse("f").equals("t")) {
      assertThat(db.queryValue("select count(*) from pg_stat_activity where query like '%pg_sleep(30)%' and pid <> pg_backend_pid()"))
          .contains("1");
    }
    cancellation.cancel();
    deploy.get(30, TimeUnit.SECONDS);
  }

  @Test
  void a_cancel_during_a_one_transaction_migration_rolls_it_back_and_records_nothing(TestDatabase db) throws Exception {
    migration("1_first", "CREATE TABLE first (i int);\n");
    migration("2_sleep", "CREATE TABLE second (i int);\nSELECT pg_sleep(30);\n");
    migration("3_third", "CREATE TABLE third (i int);\n");
    Cancellation cancellation = new Cancellation();
    CompletableFuture<DeployResult> deploy = deployAsync(cancellation);
    await(() -> sleeping(db));
    long cancelled = System.nanoTime();
    cancellation.cancel();
    DeployResult result = deploy.get(30, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).as("stopped by the cancel, not by the sleep").isLessThan(Duration.ofSeconds(20));
    assertThat(result.interrupted()).isTrue();
    assertThat(result.succeeded()).isFalse();
    assertThat(result.applied()).extracting(MigrationOutcome::name).containsExactly("1_first");
    assertThat(result.failure()).isEmpty();
    assertThat(result.notApplied()).hasValueSatisfying(n -> {
      assertThat(n.migration()).isEqualTo("2_sleep");
      assertThat(n.reason()).isEqualTo(DeployResult.Reason.INTERRUPTED);
    });
    assertThat(db.queryColumn("select migration_name from _prisma_migrations order by 1")).containsExactly("1_first");
    assertThat(db.queryValue("select to_regclass('second')::text")).isEmpty();
    assertThat(db.queryValue("select count(*) from pg_locks where locktype = 'advisory'")).as("lock released").contains("0");
    // The next deploy applies the rest, once each (the pending file may still change: a shorter sleep).
    migration("2_sleep", "CREATE TABLE second (i int);\nSELECT pg_sleep(0.01);\n");
    DeployResult next = MigrationRunner.of(url, MigrationsDirectory.read(dir)).deploy();
    assertThat(next.applied()).extracting(MigrationOutcome::name).containsExactly("2_sleep", "3_third");
  }

  @Test
  void a_cancel_before_anything_of_a_non_transactional_migration_committed_removes_its_started_row(TestDatabase db) throws Exception {
    migration("1_sleep", "SELECT pg_sleep(30);\nCREATE INDEX CONCURRENTLY idx ON t (i);\n");
    tableWithHistory(db);
    Cancellation cancellation = new Cancellation();
    CompletableFuture<DeployResult> deploy = deployAsync(cancellation);
    await(() -> sleeping(db));
    assertThat(db.queryValue("select count(*) from _prisma_migrations where finished_at is null")).as("Prisma's started row").contains("1");
    cancellation.cancel();
    DeployResult result = deploy.get(30, TimeUnit.SECONDS);
    assertThat(result.interrupted()).isTrue();
    assertThat(result.notApplied()).hasValueSatisfying(n -> assertThat(n.migration()).isEqualTo("1_sleep"));
    assertThat(db.queryValue("select count(*) from _prisma_migrations")).as("no failed row left to block deploys").contains("0");
  }

  @Test
  void a_cancel_after_part_of_a_non_transactional_migration_committed_records_it_as_failed(TestDatabase db) throws Exception {
    tableWithHistory(db);
    migration("1_partial", "CREATE INDEX CONCURRENTLY idx ON t (i);\nSELECT pg_sleep(30);\nCREATE TABLE never (i int);\n");
    Cancellation cancellation = new Cancellation();
    CompletableFuture<DeployResult> deploy = deployAsync(cancellation);
    await(() -> sleeping(db));
    cancellation.cancel();
    DeployResult result = deploy.get(30, TimeUnit.SECONDS);
    assertThat(result.interrupted()).isTrue();
    assertThat(result.notApplied()).isEmpty();
    assertThat(result.failure()).hasValueSatisfying(f -> {
      assertThat(f.migrationName()).isEqualTo("1_partial");
      assertThat(f.earlierStatementsCommitted()).isTrue();
    });
    assertThat(db.queryValue("select logs from _prisma_migrations where finished_at is null")).hasValueSatisfying(
        logs -> assertThat(logs).contains("interrupted"));
    assertThat(db.queryValue("select to_regclass('idx')::text")).contains("idx");
    assertThat(db.queryValue("select to_regclass('never')::text")).isEmpty();
  }

  @Test
  void a_cancel_while_waiting_for_the_advisory_lock_stops_without_touching_anything(TestDatabase db) throws Exception {
    migration("1_first", "CREATE TABLE first (i int);\n");
    try (Connection holder = db.connection(); Statement s = holder.createStatement()) {
      s.execute("SELECT pg_advisory_lock(72707369)");
      Cancellation cancellation = new Cancellation();
      java.util.concurrent.atomic.AtomicBoolean waiting = new java.util.concurrent.atomic.AtomicBoolean();
      MigrationRunner runner = MigrationRunner.of(url, MigrationsDirectory.read(dir)).withCancellation(cancellation)
          .withOptions(DeployOptions.defaults().withAdvisoryLockTimeout(Duration.ofSeconds(60)))
          .withListener(new DeployListener() {
            @Override public void waitingForLock() { waiting.set(true); }
          });
      CompletableFuture<DeployResult> deploy = CompletableFuture.supplyAsync(runner::deploy);
      await(waiting::get);
      Thread.sleep(100);
      cancellation.cancel();
      DeployResult result = deploy.get(30, TimeUnit.SECONDS);
      assertThat(result.interrupted()).isTrue();
      assertThat(result.applied()).isEmpty();
      assertThat(db.queryValue("select to_regclass('_prisma_migrations')::text")).isEmpty();
      s.execute("SELECT pg_advisory_unlock(72707369)");
    }
  }

  @Test
  void a_cancelled_create_index_concurrently_drops_the_invalid_index_it_left_so_the_next_deploy_succeeds(TestDatabase db)
      throws Exception {
    tableWithHistory(db);
    migration("1_index", "CREATE INDEX CONCURRENTLY \"t_i_idx\" ON \"public\".\"t\" (i);\n");
    Cancellation cancellation = new Cancellation();
    CompletableFuture<DeployResult> deploy;
    try (Connection old = db.connection(); Statement s = old.createStatement()) {
      // An older snapshot makes the build wait, with its (still invalid) index already in the catalog.
      s.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
      s.execute("SELECT count(*) FROM t");
      deploy = deployAsync(cancellation);
      await(() -> db.queryValue("select count(*) from pg_index i join pg_class c on c.oid = i.indexrelid"
          + " where c.relname = 't_i_idx' and not i.indisvalid").filter(c -> !c.equals("0")).isPresent()
          && db.queryValue("select count(*) from pg_stat_activity where query like 'CREATE INDEX CONCURRENTLY%'"
              + " and wait_event_type = 'Lock'").filter(c -> !c.equals("0")).isPresent());
      cancellation.cancel();
      // An event, not the clock: the old snapshot goes only once the cancel has stopped the build.
      await(() -> db.queryValue("select count(*) from pg_stat_activity where query like 'CREATE INDEX CONCURRENTLY%'"
          + " and state = 'active'").filter(c -> c.equals("0")).isPresent());
      s.execute("COMMIT");
    }
    DeployResult result = deploy.get(30, TimeUnit.SECONDS);
    assertThat(result.interrupted()).isTrue();
    assertThat(result.notApplied()).hasValueSatisfying(n -> assertThat(n.migration()).isEqualTo("1_index"));
    assertThat(db.queryValue("select to_regclass('t_i_idx')::text")).as("the invalid index is gone").isEmpty();
    assertThat(db.queryValue("select count(*) from _prisma_migrations")).contains("0");
    DeployResult next = MigrationRunner.of(url, MigrationsDirectory.read(dir)).deploy();
    assertThat(next.succeeded()).isTrue();
    assertThat(db.queryValue("select indisvalid from pg_index where indexrelid = 't_i_idx'::regclass")).contains("t");
  }
}
