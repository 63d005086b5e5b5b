package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata migrate deploy} as separate processes: eight started at once apply every migration
 * exactly once; a process killed (SIGKILL) at any moment leaves a consistent history from which
 * resolve and a new deploy always reach the fully migrated state.
 */
@StrataDatabase
class MigrateDeployProcessesIT {
  private static final int MIGRATIONS = 12;

  @TempDir Path dir;

  @BeforeEach
  void emptyDatabase(TestDatabase db) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    // Each migration creates a table with 101 rows and adds a column to the previous table,
    // sleeping between statements: its changes are visible only if its transaction committed.
    // Every third starts with a VACUUM, which runs outside the transaction.
    for (int i = 1; i <= MIGRATIONS; i++) {
      Path folder = dir.resolve(String.format("2024010100%04d_m%d", i, i));
      Files.createDirectories(folder);
      StringBuilder sql = new StringBuilder();
      if (i % 3 == 0) {
        // Not one transaction: Prisma's started row is committed first, so a kill leaves a failed row.
        sql.append("VACUUM t").append(i - 1).append(";\n");
      }
      sql.append("CREATE TABLE t").append(i).append(" (n int);\n");
      sql.append("INSERT INTO t").append(i).append(" SELECT generate_series(1, 100);\n");
      if (i > 1) {
        sql.append("ALTER TABLE t").append(i - 1).append(" ADD COLUMN c").append(i).append(" int;\n");
      }
      sql.append("SELECT pg_sleep(0.04);\n");
      sql.append("INSERT INTO t").append(i).append(" VALUES (0);\n");
      Files.writeString(folder.resolve("migration.sql"), sql.toString());
    }
  }

  private Process start(TestDatabase db, String... extra) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), "dev.strata.cli.Main",
        "migrate", "deploy", "--url", db.url(), "--migrations", dir.toString()));
    command.addAll(List.of(extra));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  @Test
  void eight_processes_at_once_apply_every_migration_exactly_once(TestDatabase db) throws Exception {
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      processes.add(start(db, "--lock-timeout", "120s"));
    }
    int applyingLines = 0;
    int upToDate = 0;
    for (Process process : processes) {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      applyingLines += (int) output.lines().filter(l -> l.startsWith("Applying migration `")).count();
      if (output.contains("No pending migrations to apply.")) {
        upToDate++;
        assertThat(output).doesNotContain("Applying migration");
      }
      assertThat(output.split("Waiting for another migration", -1).length).as("waiting message at most once").isLessThanOrEqualTo(2);
    }
    assertThat(applyingLines).isEqualTo(MIGRATIONS);
    assertThat(upToDate).isGreaterThanOrEqualTo(7);
    assertThat(db.queryColumn("select migration_name || ' ' || count(*) || ' ' || count(finished_at) from _prisma_migrations"
        + " group by migration_name order by 1")).hasSize(MIGRATIONS).allSatisfy(row -> assertThat(row).endsWith(" 1 1"));
    assertThat(CliRun.in(dir, Map.of(), "migrate", "status", "--url", db.url(), "--migrations", dir.toString()).exitCode()).isZero();
  }

  @Test
  void a_deploy_killed_at_any_point_leaves_a_consistent_history_that_resolve_and_deploy_complete(TestDatabase db) throws Exception {
    Random random = new Random(20240101L);
    List<String> outcomes = new ArrayList<>();
    for (int round = 0; round < 18; round++) {
      db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
      Process process = start(db);
      // Kill points spread over the run: a few during start-up, the rest while migrations apply
      // (counted from the first "Applying migration" line; the run takes about 12 x 45 ms).
      java.util.concurrent.CountDownLatch applying = new java.util.concurrent.CountDownLatch(1);
      Thread reader = new Thread(() -> {
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = lines.readLine()) != null) {
            if (line.startsWith("Applying migration")) {
              applying.countDown();
            }
          }
        } catch (IOException ignored) {
          // The process was killed.
        }
      });
      reader.start();
      long delay;
      if (round >= 16) {
        // Deterministic: kill while a migration that is not one transaction is running (its
        // started row is committed, its changes are not): Prisma's failed state, for certain.
        String target = String.format("2024010100%04d_m%d", (round - 15) * 6 - 3, (round - 15) * 6 - 3);
        long t0 = System.nanoTime();
        while (db.queryValue("select 1 from pg_tables where tablename = '_prisma_migrations'").isEmpty()
            || db.queryValue("select 1 from _prisma_migrations where migration_name = ? and finished_at is null", target).isEmpty()) {
          assertThat(process.isAlive()).as("the deploy reached %s", target).isTrue();
          Thread.sleep(2);
        }
        delay = (System.nanoTime() - t0) / 1_000_000;
      } else if (round < 2) {
        delay = 100 + random.nextInt(300);
        Thread.sleep(delay);
      } else {
        assertThat(applying.await(60, TimeUnit.SECONDS)).isTrue();
        delay = (round - 2) * 40L + random.nextInt(40);
        Thread.sleep(delay);
      }
      boolean finished = !process.isAlive();
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      reader.join(10_000);
      awaitServerSessionsGone(db);
      int done = assertConsistent(db);
      List<String> failed = db.queryValue("select to_regclass('_prisma_migrations')::text").isPresent()
          ? db.queryColumn("select migration_name from _prisma_migrations where finished_at is null and rolled_back_at is null")
          : List.of();
      outcomes.add(delay + "ms: " + done + " applied" + (failed.isEmpty() ? "" : ", 1 interrupted") + (finished ? " (finished first)" : ""));
      assertThat(failed).hasSizeLessThanOrEqualTo(1);
      if (round >= 16) {
        assertThat(failed).hasSize(1);
      }
      if (!failed.isEmpty()) {
        CliRun blocked = CliRun.in(dir, Map.of(), "migrate", "deploy", "--url", db.url(), "--migrations", dir.toString());
        assertThat(blocked.exitCode()).isEqualTo(1);
        assertThat(blocked.err()).contains("P3009");
        CliRun resolve = CliRun.in(dir, Map.of(), "migrate", "resolve", "--rolled-back", failed.get(0), "--url", db.url(),
            "--migrations", dir.toString());
        assertThat(resolve.exitCode()).as(resolve.all()).isZero();
      }
      CliRun deploy = CliRun.in(dir, Map.of(), "migrate", "deploy", "--url", db.url(), "--migrations", dir.toString());
      assertThat(deploy.exitCode()).as(deploy.all()).isZero();
      assertThat(assertConsistent(db)).isEqualTo(MIGRATIONS);
      assertThat(CliRun.in(dir, Map.of(), "migrate", "status", "--url", db.url(), "--migrations", dir.toString()).exitCode()).isZero();
    }
    System.out.println("[kill points] " + outcomes);
  }

  /**
   * Waits until the killed process's sessions have ended on the server: a statement batch it had
   * already sent keeps running (and may commit) after the client dies, so the history is only
   * final once the server noticed.
   */
  private static void awaitServerSessionsGone(TestDatabase db) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!db.queryValue("select count(*) from pg_stat_activity where datname = current_database()"
        + " and pid <> pg_backend_pid() and application_name = 'strata'").orElse("0").equals("0")) {
      assertThat(System.nanoTime()).as("the killed deploy's sessions end").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /** Every migration's changes are present exactly when its row is finished; returns how many are. */
  private static int assertConsistent(TestDatabase db) {
    boolean history = db.queryValue("select to_regclass('_prisma_migrations')::text").isPresent();
    int finished = 0;
    for (int i = 1; i <= MIGRATIONS; i++) {
      String name = String.format("2024010100%04d_m%d", i, i);
      boolean recorded = history && db.queryValue(
          "select count(*) from _prisma_migrations where migration_name = ? and finished_at is not null and rolled_back_at is null", name)
          .filter(c -> !c.equals("0")).isPresent();
      boolean table = db.queryValue("select to_regclass(?)::text", "t" + i).isPresent();
      assertThat(table).as("changes of %s present iff recorded as applied", name).isEqualTo(recorded);
      if (table) {
        assertThat(db.queryValue("select count(*) from t" + i)).contains("101");
      }
      if (i > 1) {
        boolean column = db.queryValue("select 1 from information_schema.columns where table_name = ? and column_name = ?",
            "t" + (i - 1), "c" + i).isPresent();
        assertThat(column).as("column added by %s present iff recorded", name).isEqualTo(recorded);
      }
      finished += recorded ? 1 : 0;
    }
    return finished;
  }
}
