package dev.strata.health;

import static dev.strata.health.HealthTestSupport.assertFound;
import static dev.strata.health.HealthTestSupport.assertPassed;
import static dev.strata.health.HealthTestSupport.await;
import static dev.strata.health.HealthTestSupport.check;
import static dev.strata.health.HealthTestSupport.exec;
import static dev.strata.health.HealthTestSupport.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions, locks, connections and replication slots: the bad state made from other connections, reported, ended, passed. */
@StrataDatabase
class ActivityChecksIT {
  @TempDir Path project;
  Health health;
  Connection watcher;

  @BeforeEach
  void setUp(TestDatabase db) {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE TABLE job (id int PRIMARY KEY); INSERT INTO job VALUES (1);");
    health = HealthTestSupport.health(db.url(), project);
    watcher = db.connection();
  }

  @AfterEach
  void close() throws SQLException {
    watcher.close();
  }

  private boolean sessions(String where) {
    try {
      return number(watcher, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND " + where) > 0;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void long_running_query(TestDatabase db) throws Exception {
    Health h = health.withThreshold("long-running-queries", "warning_seconds", 1).withThreshold("long-running-queries", "critical_seconds", 600);
    try (Connection sleeper = db.connection()) {
      long pid = number(sleeper, "SELECT pg_backend_pid()");
      CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> {
        try {
          exec(sleeper, "SELECT pg_sleep(60)");
        } catch (SQLException cancelled) {
          // cancelled by the test's repair
        }
      });
      await("the sleep to run", () -> sessions("state = 'active' AND query LIKE 'SELECT pg_sleep(60)%' AND now() - query_start > interval '1.2 s'"));
      CheckResult found = check(h, "long-running-queries");
      assertFound(found, Severity.WARNING);
      assertThat(found.rows().get(0).get(0)).isEqualTo(Long.toString(pid));
      assertThat(found.fixSql()).hasValue("SELECT pg_cancel_backend(" + pid + ");");
      exec(watcher, found.fixSql().get());
      sleeping.get();
    }
    assertPassed(check(h, "long-running-queries"));
  }

  @Test
  void idle_in_transaction(TestDatabase db) throws Exception {
    Health h = health.withThreshold("idle-in-transaction", "warning_seconds", 1);
    try (Connection idle = db.connection()) {
      long idlePid = number(idle, "SELECT pg_backend_pid()");
      idle.setAutoCommit(false);
      exec(idle, "SELECT * FROM job");
      await("the session to sit idle in its transaction",
          () -> sessions("state = 'idle in transaction' AND now() - state_change > interval '1.2 s'"));
      CheckResult found = check(h, "idle-in-transaction");
      assertFound(found, Severity.WARNING);
      String role = db.queryValue("SELECT current_user").orElseThrow();
      assertThat(found.fixSql().orElseThrow().lines())
          .containsExactly("SELECT pg_terminate_backend(" + idlePid + ");",
              "ALTER ROLE \"" + role + "\" SET idle_in_transaction_session_timeout = '5min';");
      idle.rollback();
    }
    assertPassed(check(h, "idle-in-transaction"));
  }

  @Test
  void blocking_lock_chain(TestDatabase db) throws Exception {
    Health h = health.withThreshold("blocking-locks", "warning_seconds", 0.5);
    try (Connection holder = db.connection(); Connection waiter = db.connection()) {
      long holderPid = number(holder, "SELECT pg_backend_pid()");
      holder.setAutoCommit(false);
      exec(holder, "LOCK TABLE job IN ACCESS EXCLUSIVE MODE");
      CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
        try {
          exec(waiter, "SELECT * FROM job");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      await("the waiter to wait for the lock", () -> sessions("wait_event_type = 'Lock' AND now() - state_change > interval '0.7 s'"));
      CheckResult found = check(h, "blocking-locks");
      assertFound(found, Severity.WARNING);
      assertThat(found.summary()).contains("root blocker(s): " + holderPid);
      assertThat(found.fixSql()).hasValueSatisfying(sql -> assertThat(sql).contains("pg_terminate_backend(" + holderPid + ")"));
      holder.rollback();
      waiting.get();
    }
    assertPassed(check(h, "blocking-locks"));
  }

  @Test
  void connections_near_the_limit(TestDatabase db) throws Exception {
    CheckResult baseline = check(health, "connections");
    assertPassed(baseline);
    long used = Long.parseLong(baseline.rows().get(0).get(0));
    long available = Long.parseLong(baseline.rows().get(0).get(1)) - Long.parseLong(baseline.rows().get(0).get(2));
    // warn once 4 more sessions than now are open (the check's own connection counts too)
    Health h = health.withThreshold("connections", "warning", 100.0 * (used + 4) / available);
    List<Connection> extra = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        extra.add(db.connection());
      }
      CheckResult found = check(h, "connections");
      assertFound(found, Severity.WARNING);
    } finally {
      for (Connection c : extra) {
        c.close();
      }
    }
    await("the sessions to end", () -> {
      try {
        return number(watcher, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'") <= used + 1;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    assertPassed(check(h, "connections"));
  }

  @Test
  void inactive_replication_slot(TestDatabase db) throws SQLException {
    exec(watcher, "SELECT pg_create_physical_replication_slot('health_test_slot', true)");
    try {
      CheckResult found = check(health, "inactive-replication-slots");
      assertFound(found, Severity.WARNING);
      assertThat(found.rows().get(0).get(0)).isEqualTo("health_test_slot");
      exec(watcher, found.fixSql().get());
    } finally {
      exec(watcher, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'health_test_slot'");
    }
    assertPassed(check(health, "inactive-replication-slots"));
  }

  @Test
  void replication_lag_without_standbys_passes() {
    CheckResult result = check(health, "replication-lag");
    assertPassed(result);
    assertThat(result.summary()).contains("no standby");
  }

  @Test
  void the_test_server_runs_with_fsync_off_and_says_so() {
    // The embedded test server trades durability for speed: a true finding.
    CheckResult found = check(health, "unsafe-settings");
    assertFound(found, Severity.CRITICAL);
    assertThat(found.summary()).contains("fsync=off");
  }
}
