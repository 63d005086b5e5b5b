package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate deploy} and its dry run through the Java API: what the CLI renders is in the result and the events. */
@StrataDatabase
class StrataDeployIT {
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
    return Strata.configure().url(db.url()).migrations(migrations).listener(events::add).load();
  }

  private static boolean historyTableExists(TestDatabase db) {
    return db.queryValue("SELECT to_regclass('public._prisma_migrations')::text").isPresent();
  }

  @Test
  void the_dry_run_lists_what_would_be_applied_and_changes_nothing(TestDatabase db) throws IOException {
    migration("20240101000000_init", "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);\n");
    migration("20240102000000_c", "CREATE TABLE c (id INT);\n");
    List<StrataEvent> events = new ArrayList<>();

    DeployPlan plan = strata(db, events).deployPlan();

    assertThat(plan.found()).isEqualTo(2);
    assertThat(plan.createsHistoryTable()).isTrue();
    assertThat(plan.pending()).containsExactly(new DeployPlan.Pending("20240101000000_init", 2), new DeployPlan.Pending("20240102000000_c", 1));
    assertThat(plan.outOfOrder()).isEmpty();
    assertThat(historyTableExists(db)).isFalse();
    assertThat(db.queryValue("SELECT to_regclass('public.a')::text")).isEmpty();
    assertThat(events).singleElement().isInstanceOfSatisfying(StrataEvent.DeployStarted.class, started -> {
      assertThat(started.found()).isEqualTo(2);
      assertThat(started.dryRun()).isTrue();
      assertThat(started.message()).endsWith("(dry run: nothing is changed)");
    });
  }

  /** A clock that reads {@code first} for its first {@code calls} readings, then {@code then}. */
  private static java.time.Clock clockTurning(java.time.Instant first, int calls, java.time.Instant then) {
    java.util.concurrent.atomic.AtomicInteger readings = new java.util.concurrent.atomic.AtomicInteger();
    return new java.time.Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public java.time.Instant instant() {
        return readings.incrementAndGet() <= calls ? first : then;
      }
    };
  }

  @Test
  void a_maintenance_window_that_closes_during_the_deploy_starts_no_further_migration(TestDatabase db) throws IOException {
    migration("20240101000000_a", "CREATE TABLE a (id INT);\n");
    migration("20240102000000_b", "CREATE TABLE b (id INT);\n");
    migration("20240103000000_c", "CREATE TABLE c (id INT);\n");
    List<StrataEvent> events = new ArrayList<>();
    Strata strata = strata(db, events);
    java.time.Instant inside = java.time.Instant.parse("2026-12-07T10:30:00Z");
    java.time.Instant after = java.time.Instant.parse("2026-12-07T11:05:00Z");
    DeploySettings settings = DeploySettings.of(strata.config()).withWindow(java.util.Optional.of(DeployWindow.parse("10:00-11:00")));

    // read twice inside the window (the check before anything, and before the first migration), then after it
    DeployResult result = strata.deploy(settings.withClock(clockTurning(inside, 2, after)));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.interrupted()).isFalse();
    assertThat(result.applied()).containsExactly("20240101000000_a");
    assertThat(result.notApplied()).hasValueSatisfying(n -> {
      assertThat(n.migration()).isEqualTo("20240102000000_b");
      assertThat(n.reason()).isEqualTo(DeployResult.Reason.WINDOW_CLOSED);
      assertThat(n.detail()).isEqualTo("the maintenance window (10:00-11:00 UTC) closed; it opens next on Tue 2026-12-08 10:00 UTC");
    });
    assertThat(db.queryValue("SELECT to_regclass('public.a') IS NOT NULL AND to_regclass('public.b') IS NULL")).contains("t");
    assertThat(db.queryValue("SELECT count(*) FROM _prisma_migrations")).as("b and c are not recorded at all").contains("1");
    assertThat(events).filteredOn(e -> e instanceof StrataEvent.DeployFailed).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("`20240102000000_b` and the ones after it were not started"));

    // the throwing form says the same; outside the window from the start, nothing runs at all
    assertThatThrownBy(() -> strata.deployOrThrow(settings.withClock(java.time.Clock.fixed(after, java.time.ZoneOffset.UTC))))
        .isInstanceOf(OutsideDeployWindowException.class).hasMessageContaining("opens next on Tue 2026-12-08 10:00 UTC, in 22 h 55 min");
    assertThat(db.queryValue("SELECT count(*) FROM _prisma_migrations")).contains("1");

    // the next deploy inside the window applies the rest
    DeployResult next = strata.deploy(settings.withClock(java.time.Clock.fixed(inside, java.time.ZoneOffset.UTC)));
    assertThat(next.succeeded()).isTrue();
    assertThat(next.applied()).containsExactly("20240102000000_b", "20240103000000_c");
  }

  @Test
  void deploy_reports_each_migration_applied_with_its_statements(TestDatabase db) throws IOException {
    migration("20240101000000_init", "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);\n");
    List<StrataEvent> events = new ArrayList<>();
    Strata strata = strata(db, events);

    DeployResult result = strata.deploy(DeploySettings.of(strata.config()));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.found()).isEqualTo(1);
    assertThat(result.createdHistoryTable()).isTrue();
    assertThat(result.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.name()).isEqualTo("20240101000000_init");
      assertThat(o.statements()).isEqualTo(2);
      assertThat(o.attempts()).isEqualTo(1);
    });
    assertThat(events.get(0)).isInstanceOfSatisfying(StrataEvent.DeployStarted.class, s -> {
      assertThat(s.found()).isEqualTo(1);
      assertThat(s.dryRun()).isFalse();
    });
    assertThat(db.queryColumn("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL"))
        .containsExactly("20240101000000_init");
    assertThat(strata.deployPlan().pending()).isEmpty();
  }

  @Test
  void a_failing_migration_is_in_the_result_with_its_line_and_sqlstate_and_later_deploys_refuse(TestDatabase db) throws IOException {
    migration("20240101000000_init", "CREATE TABLE a (id INT);\n");
    migration("20240102000000_broken", "-- adds b\nCREATE TABLE b (id INT);\nINSERT INTO missing VALUES (1);\n");
    List<StrataEvent> events = new ArrayList<>();
    Strata strata = strata(db, events);

    DeployResult result = strata.deploy(DeploySettings.of(strata.config()));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.applied()).containsExactly("20240101000000_init");
    DeployResult.Failure failure = result.failure().orElseThrow();
    assertThat(failure.migration()).isEqualTo("20240102000000_broken");
    assertThat(failure.file()).isEqualTo(migrations.resolve("20240102000000_broken/migration.sql"));
    assertThat(failure.line()).isEqualTo(3);
    assertThat(failure.statementLine()).isEqualTo(3);
    assertThat(failure.sqlState()).isEqualTo("42P01");
    assertThat(failure.databaseMessage()).contains("missing");
    assertThat(failure.earlierStatementsCommitted()).isFalse();
    assertThat(failure.message()).startsWith("Migration `20240102000000_broken` failed to apply.");
    assertThat(failure.details().prismaCode()).contains("P3018");
    assertThat(failure.details().sqlState()).contains("42P01");
    assertThat(events).last().isInstanceOf(StrataEvent.DeployFailed.class);
    assertThat(db.queryValue("SELECT to_regclass('public.b')::text")).isEmpty(); // rolled back

    assertThatThrownBy(() -> strata.deploy(DeploySettings.of(strata.config()))).isInstanceOfSatisfying(StrataException.class,
        e -> assertThat(e.prismaCode()).contains("P3009"));
  }

  @Test
  void a_migration_dated_before_an_applied_one_is_applied_out_of_order_and_reported(TestDatabase db) throws IOException {
    migration("20240102000000_b", "CREATE TABLE b (id INT);\n");
    Strata strata = strata(db, new ArrayList<>());
    strata.deploy();
    migration("20240101000000_a", "CREATE TABLE a (id INT);\n");
    assertThat(strata.deployPlan().outOfOrder()).containsExactly(new OutOfOrderMigration("20240101000000_a", "20240102000000_b", false));
    List<StrataEvent> events = new ArrayList<>();

    DeployResult result = strata(db, events).deploy(DeploySettings.of(strata.config()));

    assertThat(result.applied()).containsExactly("20240101000000_a");
    assertThat(result.outOfOrder()).extracting(OutOfOrderMigration::name).containsExactly("20240101000000_a");
    assertThat(events).filteredOn(StrataEvent.OutOfOrder.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((StrataEvent.OutOfOrder) e).migrations()).extracting(OutOfOrderMigration::sortsBefore)
            .containsExactly("20240102000000_b"));
  }

  @Test
  void a_migration_that_waits_for_a_lock_past_the_retries_is_left_unapplied_and_unrecorded(TestDatabase db) throws Exception {
    migration("20240101000000_init", "CREATE TABLE a (id INT);\n");
    Strata strata = strata(db, new ArrayList<>());
    strata.deploy();
    migration("20240102000000_alter", "ALTER TABLE a ADD COLUMN b INT;\n");
    try (java.sql.Connection blocker = db.connection()) {
      blocker.setAutoCommit(false);
      blocker.createStatement().execute("LOCK TABLE a IN ACCESS EXCLUSIVE MODE");
      List<StrataEvent> events = new ArrayList<>();
      DeploySettings settings = DeploySettings.of(strata.config()).withStatementLockTimeout(Duration.ofMillis(100)).withLockRetries(1);

      DeployResult result = strata(db, events).deploy(settings);

      assertThat(result.succeeded()).isFalse();
      DeployResult.NotApplied stop = result.notApplied().orElseThrow();
      assertThat(stop.migration()).isEqualTo("20240102000000_alter");
      assertThat(stop.reason()).isEqualTo(DeployResult.Reason.LOCK_TIMEOUT);
      assertThat(stop.attempts()).isEqualTo(2);
      assertThat(events).filteredOn(StrataEvent.Retrying.class::isInstance).hasSize(1);
      blocker.rollback();
    }
    assertThat(db.queryColumn("SELECT migration_name FROM _prisma_migrations")).containsExactly("20240101000000_init");
    assertThat(strata.deploy().applied()).containsExactly("20240102000000_alter"); // the next deploy tries it again
  }

  @Test
  void a_deploy_cancelled_while_it_applies_stops_and_says_what_stayed_applied(TestDatabase db) throws Exception {
    migration("20240101000000_init", "CREATE TABLE a (id INT);\n");
    migration("20240102000000_slow", "SELECT pg_sleep(30);\n");
    migration("20240103000000_after", "CREATE TABLE c (id INT);\n");
    Cancellation cancellation = new Cancellation();
    StrataListener cancelWhenSlowStarts = event -> {
      if (event instanceof StrataEvent.Applying applying && applying.migration().endsWith("_slow")) {
        Thread canceller = new Thread(() -> {
          try {
            Thread.sleep(300);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          cancellation.cancel();
        });
        canceller.start();
      }
    };
    Strata strata = Strata.configure().url(db.url()).migrations(migrations).listener(cancelWhenSlowStarts).load();
    long started = System.nanoTime();

    DeployResult result = strata.deploy(DeploySettings.of(strata.config()).withCancellation(cancellation));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    assertThat(result.interrupted()).isTrue();
    assertThat(result.succeeded()).isFalse();
    assertThat(result.applied()).containsExactly("20240101000000_init");
    assertThat(result.notApplied()).hasValueSatisfying(n -> assertThat(n.reason()).isEqualTo(DeployResult.Reason.INTERRUPTED));
    assertThat(db.queryColumn("SELECT migration_name FROM _prisma_migrations")).containsExactly("20240101000000_init");
  }

  @Test
  void settings_out_of_range_are_refused(TestDatabase db) {
    Strata strata = strata(db, new ArrayList<>());
    DeploySettings defaults = DeploySettings.of(strata.config());
    assertThatThrownBy(() -> defaults.withLockRetries(-1)).isInstanceOfSatisfying(StrataException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThatThrownBy(() -> defaults.withStatementLockTimeout(Duration.ZERO)).isInstanceOf(StrataException.class);
    assertThatThrownBy(() -> defaults.withAdvisoryLockTimeout(Duration.ofSeconds(-1))).isInstanceOf(StrataException.class);
  }

  @Test
  void a_missing_migrations_folder_named_to_the_builder_is_refused(TestDatabase db) {
    Strata strata = strata(db, new ArrayList<>());
    assertThatThrownBy(strata::deployPlan).isInstanceOfSatisfying(StrataException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND));
    assertThat(historyTableExists(db)).isFalse();
  }
}
