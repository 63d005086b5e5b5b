package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.compare.EmbeddedShadows;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import dev.strata.migrate.dev.DownFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guarded deploy ({@link DeploySettings#guarded}) on a real PostgreSQL: its preflight names a
 * session that would block, a migration blocked by a long transaction gives up on {@code
 * lock_timeout}, retries and names the blocker while other sessions' writes keep flowing (and
 * queue without the timeout), and the drift check after the last migration.
 */
@StrataDatabase
class StrataGuardedDeployIT {
  @TempDir Path project;
  Path migrations;

  @BeforeEach
  void freshDatabase(TestDatabase db) {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    migrations = project.resolve("migrations");
  }

  private void migration(String name, String sql) throws IOException {
    Path folder = migrations.resolve(name);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("migration.sql"), sql);
  }

  private Strata strata(TestDatabase db, List<StrataEvent> events) {
    return Strata.configure().url(db.url()).migrations(migrations).shadowDatabases(new EmbeddedShadows()).listener(events::add).load();
  }

  private static DeploySettings guarded(Strata strata) {
    return DeploySettings.guarded(strata.config());
  }

  @Test
  void the_preflight_names_an_idle_in_transaction_session_holding_a_lock_the_migration_needs(TestDatabase db) throws Exception {
    migration("20240101000000_init", "CREATE TABLE accounts (id INT PRIMARY KEY, balance INT);\n");
    List<StrataEvent> events = new CopyOnWriteArrayList<>();
    Strata strata = strata(db, events);
    assertThat(strata.deploy(guarded(strata)).succeeded()).isTrue();
    migration("20240102000000_limit", "ALTER TABLE accounts ADD COLUMN credit_limit INT;\n");
    Path folder = migrations.resolve("20240102000000_limit");
    String sql = Files.readString(folder.resolve("migration.sql"));
    Files.writeString(folder.resolve("down.sql"),
        DownFile.markVerified(DownFile.markWrittenFor(sql, "ALTER TABLE accounts DROP COLUMN credit_limit;\n")));
    migration("20240103000000_audit", "CREATE TABLE audit (id INT, account INT REFERENCES accounts (id));\n");

    try (Connection blocker = db.connection()) {
      blocker.createStatement().execute("SET application_name = 'billing-report'");
      int pid = pid(blocker);
      blocker.setAutoCommit(false);
      blocker.createStatement().execute("SELECT count(*) FROM accounts"); // ACCESS SHARE, then idle in transaction

      DeployPreflight preflight = strata.deployPlan().preflight().orElseThrow();

      assertThat(preflight.pending()).extracting(DeployPreflight.Migration::name)
          .containsExactly("20240102000000_limit", "20240103000000_audit");
      assertThat(preflight.pending().get(0).down()).isEqualTo(DeployPreflight.DownScript.VERIFIED);
      assertThat(preflight.pending().get(0).relations()).containsExactly("accounts");
      assertThat(preflight.pending().get(1).down()).isEqualTo(DeployPreflight.DownScript.NONE);
      assertThat(preflight.pending().get(1).relations()).containsExactly("accounts"); // the referenced table; audit is new
      // accounts exists: the ALTER is linted (no error here: a lock_timeout warning); audit only references it, linted too.
      assertThat(preflight.lintSkipped()).isEmpty();
      assertThat(preflight.pending()).allSatisfy(m -> assertThat(m.lint()).hasValueSatisfying(l -> assertThat(l.errors()).isZero()));
      assertThat(preflight.refuses()).isFalse();
      assertThat(preflight.databaseBytes()).isPositive();
      assertThat(preflight.connections()).isGreaterThanOrEqualTo(2);
      assertThat(preflight.maxConnections()).isGreaterThan(preflight.connections());
      assertThat(preflight.blockers()).singleElement().satisfies(b -> {
        assertThat(b.pid()).isEqualTo(pid);
        assertThat(b.applicationName()).isEqualTo("billing-report");
        assertThat(b.state()).isEqualTo("idle in transaction");
        assertThat(b.query()).isEqualTo("SELECT count(*) FROM accounts");
        assertThat(b.relations()).containsExactly("accounts");
        assertThat(b.describe()).contains("pid " + pid).contains("billing-report").contains("idle in transaction");
      });

      // The deploy reports the same preflight as an event, before its first migration.
      DeployResult result = strata.deploy(guarded(strata).withStatementLockTimeout(Duration.ofMillis(200)).withLockRetries(0));
      assertThat(result.notApplied()).isPresent();
      assertThat(result.preflight()).hasValueSatisfying(p -> assertThat(p.blockers()).extracting(BlockingSession::pid).containsExactly(pid));
      List<String> kinds = events.stream().map(e -> e.getClass().getSimpleName()).toList();
      assertThat(kinds.subList(kinds.lastIndexOf("DeployStarted"), kinds.size())).containsSubsequence("Preflight", "Applying");
      blocker.rollback();
    }
  }

  @Test
  void a_migration_blocked_by_a_long_transaction_gives_up_retries_and_names_it_while_writes_keep_flowing(TestDatabase db)
      throws Exception {
    migration("20240101000000_init", "CREATE TABLE events (id SERIAL PRIMARY KEY, v INT);\n");
    Strata strata = strata(db, new CopyOnWriteArrayList<>());
    strata.deploy(guarded(strata));
    migration("20240102000000_kind", "ALTER TABLE events ADD COLUMN kind TEXT;\n");

    AtomicInteger writes = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (Connection blocker = db.connection(); Connection writer = db.connection()) {
      blocker.setAutoCommit(false);
      blocker.createStatement().execute("SET application_name = 'long-report'");
      blocker.createStatement().execute("SELECT count(*) FROM events"); // a long transaction holding ACCESS SHARE
      int blockerPid = pid(blocker);
      Future<?> writing = threads.submit(() -> write(writer, writes, stop));

      // Guarded: the ALTER waits at most lock_timeout per attempt, so the writes queued behind it go through in between.
      List<StrataEvent> events = new CopyOnWriteArrayList<>();
      AtomicInteger writesAtFirstBlock = new AtomicInteger(-1);
      Strata watched = Strata.configure().url(db.url()).migrations(migrations).listener(e -> {
        events.add(e);
        if (e instanceof StrataEvent.BlockedBy) {
          writesAtFirstBlock.compareAndSet(-1, writes.get());
        }
      }).load();
      DeployResult result = watched.deploy(guarded(watched).withStatementLockTimeout(Duration.ofMillis(300)).withLockRetries(2));
      int writesDuringGuardedWait = writes.get() - writesAtFirstBlock.get();

      DeployResult.NotApplied stop1 = result.notApplied().orElseThrow();
      assertThat(stop1.reason()).isEqualTo(DeployResult.Reason.LOCK_TIMEOUT);
      assertThat(stop1.attempts()).isEqualTo(3);
      assertThat(stop1.blockers()).extracting(BlockingSession::pid).contains(blockerPid);
      assertThat(stop1.blockers()).filteredOn(b -> b.pid() == blockerPid).singleElement()
          .satisfies(b -> assertThat(b.applicationName()).isEqualTo("long-report"));
      assertThat(events).filteredOn(StrataEvent.Retrying.class::isInstance).hasSize(2);
      assertThat(events).filteredOn(StrataEvent.BlockedBy.class::isInstance).hasSize(3);
      assertThat(db.queryColumn("SELECT migration_name FROM _prisma_migrations")).containsExactly("20240101000000_init");
      assertThat(writesAtFirstBlock.get()).isNotNegative();
      assertThat(writesDuringGuardedWait).as("writes from another session while the guarded migration waited").isPositive();

      // Unguarded (Prisma's way: no lock_timeout): the ALTER waits in the lock queue and every write queues behind it.
      Future<DeployResult> unguarded = threads.submit(() -> strata.deploy(DeploySettings.of(strata.config())));
      awaitWaitingOnLock(db, "ADD COLUMN kind");
      awaitWaitingOnLock(db, "INSERT INTO events");
      int queuedAt = writes.get();
      Thread.sleep(500);
      int writesDuringUnguardedWait = writes.get() - queuedAt;
      assertThat(writesDuringUnguardedWait).as("writes while the unguarded migration waited").isZero();
      System.out.println("writes during the wait: guarded " + writesDuringGuardedWait + ", unguarded " + writesDuringUnguardedWait);

      blocker.rollback(); // the long transaction ends: the migration runs, then the writes
      assertThat(unguarded.get(30, TimeUnit.SECONDS).applied()).containsExactly("20240102000000_kind");
      stop.set(true);
      writing.get(30, TimeUnit.SECONDS);
    } finally {
      stop.set(true);
      threads.shutdownNow();
    }
  }

  @Test
  void the_drift_check_passes_after_a_normal_deploy_and_reports_a_hand_made_change(TestDatabase db) throws Exception {
    migration("20240101000000_init", "CREATE TABLE a (id INT PRIMARY KEY, name TEXT);\n");
    List<StrataEvent> events = new CopyOnWriteArrayList<>();
    Strata strata = strata(db, events);

    DeployResult first = strata.deploy(guarded(strata));
    assertThat(first.drift()).hasValueSatisfying(d -> {
      assertThat(d.outcome()).isEqualTo(DriftCheck.Outcome.MATCHES);
      assertThat(d.describe()).isEqualTo("The database matches the migration history.");
    });
    assertThat(events).last().isInstanceOf(StrataEvent.DeployFinished.class);
    assertThat(events).filteredOn(StrataEvent.DriftChecked.class::isInstance).hasSize(1);

    // Nothing pending: no preflight, no replay.
    assertThat(strata.deploy(guarded(strata)).drift()).isEmpty();

    db.execute("CREATE INDEX by_hand ON a (name)");
    migration("20240102000000_b", "CREATE TABLE b (id INT);\n");
    DeployResult second = strata.deploy(guarded(strata));
    assertThat(second.succeeded()).isTrue();
    assertThat(second.drift()).hasValueSatisfying(d -> {
      assertThat(d.outcome()).isEqualTo(DriftCheck.Outcome.DIFFERS);
      assertThat(d.script()).contains("CREATE INDEX \"by_hand\"");
      assertThat(d.describe()).startsWith("The database does not match the migration history");
    });

    // --no-verify, and a configuration without a shadow database.
    migration("20240103000000_c", "CREATE TABLE c (id INT);\n");
    assertThat(strata.deploy(guarded(strata).withVerify(false)).drift()).isEmpty();
    migration("20240104000000_d", "CREATE TABLE d (id INT);\n");
    Strata noShadow = Strata.configure().url(db.url()).migrations(migrations).load();
    assertThat(noShadow.deploy(guarded(noShadow)).drift()).hasValueSatisfying(d -> {
      assertThat(d.outcome()).isEqualTo(DriftCheck.Outcome.SKIPPED);
      assertThat(d.note()).contains("no shadow database");
    });
  }

  @Test
  void a_failed_deploy_stops_the_replay_started_at_its_preflight_and_gives_the_shadow_back(TestDatabase db) throws Exception {
    migration("20240101000000_init", "CREATE TABLE a (id INT PRIMARY KEY);\n");
    migration("20240102000000_bad", "CREATE TABLE b (id INT);\nSELECT 1 / 0;\n");
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger open = new AtomicInteger();
    ShadowDatabases embedded = new EmbeddedShadows();
    ShadowDatabases counted = () -> {
      ShadowDatabases.Lease lease = embedded.open();
      opened.incrementAndGet();
      open.incrementAndGet();
      return new ShadowDatabases.Lease() {
        @Override
        public Connection connection() {
          return lease.connection();
        }

        @Override
        public String description() {
          return lease.description();
        }

        @Override
        public void close() {
          lease.close();
          open.decrementAndGet();
        }
      };
    };
    List<StrataEvent> events = new CopyOnWriteArrayList<>();
    Strata strata = Strata.configure().url(db.url()).migrations(migrations).shadowDatabases(counted).listener(events::add).load();

    DeployResult result = strata.deploy(guarded(strata));
    assertThat(result.failure()).isPresent();
    assertThat(result.drift()).isEmpty();
    assertThat(events).noneMatch(StrataEvent.DriftChecked.class::isInstance);
    assertThat(opened.get()).as("the replay started at the preflight, before the first migration").isEqualTo(1);
    assertThat(open.get()).as("its shadow was given back before the deploy returned").isZero();

    // Nothing pending (the failed migration must be resolved first): no replay is started.
    Files.writeString(migrations.resolve("20240102000000_bad/migration.sql"), "CREATE TABLE b (id INT);\n");
    strata.resolve("20240102000000_bad", ResolveResult.Resolution.ROLLED_BACK);
    assertThat(strata.deploy(guarded(strata)).drift()).hasValueSatisfying(d -> assertThat(d.outcome()).isEqualTo(DriftCheck.Outcome.MATCHES));
    assertThat(opened.get()).isEqualTo(2);
    strata.deploy(guarded(strata));
    assertThat(opened.get()).as("a deploy with nothing to apply replays nothing").isEqualTo(2);
    assertThat(open.get()).isZero();
  }

  private static void write(Connection writer, AtomicInteger writes, AtomicBoolean stop) {
    try (Statement statement = writer.createStatement()) {
      while (!stop.get()) {
        statement.execute("INSERT INTO events (v) VALUES (1)");
        writes.incrementAndGet();
        Thread.sleep(5);
      }
    } catch (SQLException | InterruptedException e) {
      if (!stop.get()) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Waits until a session running a statement containing {@code text} waits for a lock. */
  private static void awaitWaitingOnLock(TestDatabase db, String text) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (!db.queryColumn("SELECT pid::text FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE ?", "%" + text + "%")
          .isEmpty()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no session running \"" + text + "\" waited for a lock");
  }

  private static int pid(Connection connection) throws SQLException {
    try (var rows = connection.createStatement().executeQuery("SELECT pg_backend_pid()")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
