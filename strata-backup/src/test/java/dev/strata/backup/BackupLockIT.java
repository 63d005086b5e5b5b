package dev.strata.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import dev.strata.migrate.run.AdvisoryLock;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A backup never runs while a migration does (deploy's advisory lock), and pg_dump's own lock wait is bounded. */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a lock wait that never ends is the failure these tests look for
class BackupLockIT {
  @TempDir Path dir;
  DatabaseUrl server;
  String source;
  final List<StrataEvent> events = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void database() {
    server = LocalServer.server();
    source = LocalServer.createDatabase("backup_lock");
    LocalServer.execute(source, "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 100)");
  }

  @AfterEach
  void drop() {
    LocalServer.dropDatabase(source);
  }

  private Backups backups(Duration advisoryLockTimeout, BackupSettings settings) {
    return Backups.of(Strata.configure().url(server.withDatabase(source)).advisoryLockTimeout(advisoryLockTimeout).listener(events::add).build(),
        settings, System.getenv());
  }

  @Test
  void waits_for_a_running_migration_and_gives_up_after_the_lock_timeout_leaving_nothing() throws Exception {
    Path store = dir.resolve("store");
    try (Connection deployer = LocalServer.connect(source)) {
      AdvisoryLock.acquire(deployer, Duration.ZERO, () -> {}); // as `migrate deploy` holds it while it applies
      assertThatThrownBy(() -> backups(Duration.ofMillis(400), BackupSettings.defaults(store)).create("manual"))
          .isInstanceOf(StrataException.class).hasMessageContaining("lock");
      assertThat(events).anySatisfy(e -> assertThat(e.message()).contains("a migration is running"));
      assertThat(backups(Duration.ofMillis(400), BackupSettings.defaults(store)).list()).isEmpty();

      // the same wait, with the migration finishing meanwhile: the backup goes ahead once the lock is free
      events.clear();
      CompletableFuture<BackupInfo> waiting = CompletableFuture.supplyAsync(
          () -> backups(Duration.ofSeconds(60), BackupSettings.defaults(store)).create("after-the-migration"));
      while (events.stream().noneMatch(e -> e.message().contains("a migration is running")) && !waiting.isDone()) {
        Thread.sleep(10);
      }
      assertThat(waiting).as("the backup waits while the migration holds the lock").isNotDone();
      AdvisoryLock.releaseQuietly(deployer);
      BackupInfo taken = waiting.get(60, TimeUnit.SECONDS);
      assertThat(taken.complete()).isTrue();
      assertThat(taken.tables()).singleElement().satisfies(t -> assertThat(t.rows()).isEqualTo(100));
    }
  }

  @Test
  void a_table_locked_by_another_session_fails_pg_dump_after_its_lock_wait_timeout_and_nothing_is_listed() throws Exception {
    Path store = dir.resolve("store");
    try (Connection holder = LocalServer.connect(source)) {
      holder.setAutoCommit(false);
      holder.createStatement().execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
      Backups backups = backups(Duration.ofSeconds(5), BackupSettings.defaults(store).withLockWaitTimeout(Duration.ofMillis(500)));
      assertThatThrownBy(() -> backups.create("manual")).isInstanceOf(StrataException.class)
          .hasMessageContaining("pg_dump failed").hasMessageContaining("another session held a lock on a table longer than --lock-wait-timeout")
          .hasMessageContaining("LOCK TABLE public.t")
          .hasMessageContaining("nothing of the backup is kept");
      assertThat(backups.list()).isEmpty();
      holder.rollback();
    }
    assertThat(backups(Duration.ofSeconds(5), BackupSettings.defaults(store).withLockWaitTimeout(Duration.ofMillis(500))).create("manual")
        .complete()).isTrue();
  }

  @Test
  void verify_restores_on_the_scratch_server_it_is_given() throws Exception {
    Path store = dir.resolve("store");
    BackupInfo taken = backups(Duration.ofSeconds(5), BackupSettings.defaults(store)).create("manual");
    DatabaseUrl nowhere = DatabaseUrl.parse("postgresql://postgres@127.0.0.1:1/postgres");
    Backups elsewhere = backups(Duration.ofSeconds(5), BackupSettings.defaults(store).withScratchUrl(nowhere));
    assertThatThrownBy(() -> elsewhere.verify(taken.id(), VerifyLevel.RESTORE)).isInstanceOf(StrataException.class)
        .hasMessageContaining("127.0.0.1:1");
    assertThat(elsewhere.list()).singleElement().satisfies(b -> assertThat(b.verified()).isFalse());
    assertThat(backups(Duration.ofSeconds(5), BackupSettings.defaults(store).withScratchUrl(server)).verify(taken.id(), VerifyLevel.RESTORE).ok())
        .isTrue();
    assertThat(LocalServer.databases("strata_verify_")).as("the scratch database is dropped").isEmpty();
  }
}
