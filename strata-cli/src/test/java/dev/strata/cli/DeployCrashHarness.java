package dev.strata.cli;

import dev.strata.config.DatabaseUrl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Kills real {@code strata migrate deploy} processes at chosen points and starts a second deploy
 * at once, then checks that every migration was applied at most once and that the history agrees
 * with the database. Used by {@code DeployCrashIT} (a fast sample) and by {@code
 * bench/deploy-crash.sh} (hundreds of trials through the {@code ./strata} launcher).
 *
 * <p>Each migration of the history inserts markers into a table {@code applied} (no unique key):
 * a marker seen twice is a migration applied twice. A finished row needs all of its migration's
 * markers, no row none of them, and an unfinished (failed) row a prefix of them: the statements
 * that committed before the process died, which Prisma's failed state stands for.
 */
final class DeployCrashHarness {
  /** Where a trial stops the first deploy. */
  enum Point {
    /** While the JVM starts, connects or reads the migrations (a random delay). */
    STARTUP,
    /** While it waits for the advisory lock, which the harness holds. */
    LOCK_WAIT,
    /** While a statement runs ({@code pg_sleep} inside a one-transaction migration). */
    MID_STATEMENT,
    /** Right after a migration was recorded, before or as the next one starts. */
    BETWEEN,
    /** While {@code CREATE INDEX CONCURRENTLY} builds (held up by an older snapshot of the harness). */
    CONCURRENTLY,
    /** While the deploy writes to {@code _prisma_migrations} (held up by the harness's table lock). */
    HISTORY_WRITE
  }

  /** The signal sent to the first deploy. */
  enum Signal {
    KILL(9), TERM(15), INT(2);

    final int number;

    Signal(int number) {
      this.number = number;
    }
  }

  /** One migration of the history and the markers it inserts, in order. */
  private record Migration(String name, String sql, List<String> markers) {}

  private static final List<Migration> HISTORY = List.of(
      new Migration("20240101000001_init",
          "CREATE TABLE applied (name text, at timestamptz DEFAULT clock_timestamp());\n"
              + "CREATE TABLE big AS SELECT g AS v, g AS w FROM generate_series(1, 20000) g;\n"
              + "INSERT INTO applied (name) VALUES ('1');\n", List.of("1")),
      new Migration("20240101000002_sleep",
          "INSERT INTO applied (name) VALUES ('2');\nSELECT pg_sleep(0.15);\nALTER TABLE big ADD COLUMN c2 int;\n", List.of("2")),
      // Not one transaction: the index first, nothing committed before it.
      new Migration("20240101000003_index_first",
          "CREATE INDEX CONCURRENTLY big_v_idx ON big (v);\nINSERT INTO applied (name) VALUES ('3');\n", List.of("3")),
      // Not one transaction: a marker committed before the index, another after it.
      new Migration("20240101000004_index_between",
          "INSERT INTO applied (name) VALUES ('4a');\nCREATE INDEX CONCURRENTLY big_w_idx ON big (w);\n"
              + "INSERT INTO applied (name) VALUES ('4b');\n", List.of("4a", "4b")),
      new Migration("20240101000005_statements",
          "INSERT INTO applied (name) VALUES ('5');\nCREATE TABLE t5 (i int);\nSELECT pg_sleep(0.05);\n"
              + "INSERT INTO t5 SELECT generate_series(1, 100);\n", List.of("5")),
      new Migration("20240101000006_vacuum",
          "VACUUM big;\nINSERT INTO applied (name) VALUES ('6');\nSELECT pg_sleep(0.05);\n", List.of("6")),
      new Migration("20240101000007_sleep",
          "INSERT INTO applied (name) VALUES ('7');\nSELECT pg_sleep(0.1);\nALTER TABLE t5 ADD COLUMN j int;\n", List.of("7")),
      new Migration("20240101000008_last",
          "INSERT INTO applied (name) VALUES ('8');\nCREATE TABLE t8 (i int);\n", List.of("8")));

  private static final String PRISMA_DDL = "CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY NOT NULL,"
      + " checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT,"
      + " rolled_back_at TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL DEFAULT now(),"
      + " applied_steps_count INTEGER NOT NULL DEFAULT 0)";

  private final String url;
  private final DatabaseUrl parsed;
  private final Path work;
  private final Path migrations;
  private final List<String> strata;

  /**
   * A harness on the database at {@code url} (its {@code public} schema is dropped and made again
   * for every trial), writing its files under {@code work}, running {@code strata} (the command
   * that starts Strata: the launcher, or {@code java … dev.strata.cli.Main}).
   */
  DeployCrashHarness(String url, Path work, List<String> strata) throws IOException {
    this.url = url;
    this.parsed = DatabaseUrl.parse(url);
    this.work = work;
    this.migrations = work.resolve("migrations");
    this.strata = List.copyOf(strata);
    for (Migration m : HISTORY) {
      Path folder = migrations.resolve(m.name());
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("migration.sql"), m.sql());
    }
    Files.writeString(migrations.resolve("migration_lock.toml"), "provider = \"postgresql\"\n");
  }

  /** The command that starts Strata in a JVM like the launcher's, from this JVM's class path. */
  static List<String> javaCommand() {
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"), "dev.strata.cli.Main");
  }

  /** What one trial saw. */
  record Trial(Signal signal, Point point, int firstExit, String firstOutput, int secondExit, String secondOutput,
      String outcome, List<String> violations, boolean pointReached) {}

  /** Totals over trials, per signal and point. */
  static final class Summary {
    final Map<String, Map<String, Integer>> counts = new TreeMap<>();
    final List<String> violations = new ArrayList<>();
    int trials;

    void add(Trial trial) {
      trials++;
      String key = trial.signal() + " " + trial.point();
      counts.computeIfAbsent(key, k -> new TreeMap<>()).merge(trial.outcome(), 1, Integer::sum);
      if (!trial.pointReached()) {
        counts.get(key).merge("(point missed)", 1, Integer::sum);
      }
      trial.violations().forEach(v -> violations.add(key + ": " + v));
    }

    String table() {
      StringBuilder out = new StringBuilder();
      counts.forEach((key, outcomes) -> out.append(String.format("%-22s %s%n", key, outcomes)));
      out.append("trials: ").append(trials).append(", violations: ").append(violations.size()).append('\n');
      violations.forEach(v -> out.append("  ").append(v).append('\n'));
      return out.toString();
    }
  }

  /** Runs {@code trials} trials, cycling through every signal and point, with random delays from {@code seed}. */
  Summary run(int trials, long seed) throws Exception {
    Random random = new Random(seed);
    Summary summary = new Summary();
    Signal[] signals = Signal.values();
    Point[] points = Point.values();
    for (int i = 0; i < trials; i++) {
      Signal signal = signals[i % signals.length];
      Point point = points[(i / signals.length) % points.length];
      summary.add(trial(signal, point, random));
    }
    return summary;
  }

  /** One trial: a fresh schema, the first deploy stopped at {@code point} by {@code signal}, a second deploy at once. */
  Trial trial(Signal signal, Point point, Random random) throws Exception {
    try (Connection admin = connect(); Connection holder = connect()) {
      awaitNoStrataSessions(admin);
      execute(admin, "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
      if (point == Point.LOCK_WAIT) {
        execute(holder, "SELECT pg_advisory_lock(72707369)");
      }
      if (point == Point.HISTORY_WRITE) {
        execute(admin, PRISMA_DDL);
      }
      int historyWriteAfter = point == Point.HISTORY_WRITE ? new int[] {0, 2, 3, 4}[random.nextInt(4)] : 0;
      String concurrentIndex = random.nextBoolean() ? "big_v_idx" : "big_w_idx";
      if (point == Point.HISTORY_WRITE && historyWriteAfter == 0) {
        holdHistoryTable(holder);
      }
      Path firstOut = work.resolve("first.out");
      Process first = start(firstOut);
      boolean reached = stopAt(point, signal, first, admin, holder, random, historyWriteAfter, concurrentIndex);
      // The second deploy starts at once: it must not apply anything the first may still commit.
      Path secondOut = work.resolve("second.out");
      Process second = start(secondOut);
      if (point == Point.LOCK_WAIT) {
        execute(holder, "SELECT pg_advisory_unlock_all()");
      }
      if (point == Point.CONCURRENTLY || point == Point.HISTORY_WRITE) {
        execute(holder, "ROLLBACK");
      }
      if (!first.waitFor(120, TimeUnit.SECONDS) || !second.waitFor(180, TimeUnit.SECONDS)) {
        first.destroyForcibly();
        second.destroyForcibly();
        throw new IllegalStateException("a deploy did not end in time (" + signal + " at " + point + ")");
      }
      String firstText = Files.readString(firstOut, StandardCharsets.UTF_8);
      String secondText = Files.readString(secondOut, StandardCharsets.UTF_8);
      awaitNoStrataSessions(admin);
      List<String> violations = new ArrayList<>(check(admin));
      String outcome;
      if (second.exitValue() == 0) {
        outcome = "all applied";
        if (finished(admin) != HISTORY.size()) {
          violations.add("the second deploy succeeded but " + finished(admin) + " of " + HISTORY.size() + " are finished");
        }
      } else if (secondText.contains("P3009")) {
        outcome = "failed row (P3009)";
        if (unfinished(admin) != 1) {
          violations.add("P3009 without exactly one unfinished row");
        }
      } else {
        outcome = "second deploy exit " + second.exitValue();
        violations.add("the second deploy failed: " + secondText.strip());
      }
      boolean finishedFirst = firstText.contains("All migrations have been successfully applied");
      if (reached && !finishedFirst && signal != Signal.KILL && point != Point.STARTUP && !interruptIgnored(signal)) {
        if (first.exitValue() != 128 + signal.number) {
          violations.add("the interrupted deploy exited " + first.exitValue() + ", not " + (128 + signal.number) + ": " + firstText.strip());
        } else if (!firstText.contains("Interrupted: the deploy was cancelled")) {
          violations.add("the interrupted deploy did not report its state: " + firstText.strip());
        }
      }
      return new Trial(signal, point, first.exitValue(), firstText, second.exitValue(), secondText, outcome, violations, reached);
    }
  }

  /** Sixteen deploys of the history started at once: each migration is applied exactly once. */
  List<String> concurrentDeploys(int processes) throws Exception {
    try (Connection admin = connect()) {
      awaitNoStrataSessions(admin);
      execute(admin, "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
      List<Process> running = new ArrayList<>();
      for (int i = 0; i < processes; i++) {
        running.add(start(work.resolve("concurrent-" + i + ".out")));
      }
      List<String> violations = new ArrayList<>();
      int applying = 0;
      for (int i = 0; i < processes; i++) {
        Process process = running.get(i);
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          violations.add("deploy " + i + " did not end in time");
          continue;
        }
        String output = Files.readString(work.resolve("concurrent-" + i + ".out"), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
          violations.add("deploy " + i + " exited " + process.exitValue() + ": " + output.strip());
        }
        applying += (int) output.lines().filter(l -> l.startsWith("Applying migration `")).count();
      }
      if (applying != HISTORY.size()) {
        violations.add(applying + " migrations were started in all, not " + HISTORY.size());
      }
      violations.addAll(check(admin));
      if (finished(admin) != HISTORY.size()) {
        violations.add(finished(admin) + " of " + HISTORY.size() + " migrations are finished");
      }
      return violations;
    }
  }

  /** Whether the SIGINT of a child would be ignored (a shell's background job): then it cannot interrupt. */
  private boolean interruptIgnored(Signal signal) {
    return signal == Signal.INT && ignoresInterrupt;
  }

  private boolean ignoresInterrupt;

  private Process start(Path output) throws IOException {
    List<String> command = new ArrayList<>();
    if (ignoresSigint(ProcessHandle.current().pid()) && Files.isExecutable(Path.of("/usr/bin/perl"))) {
      // Started from a shell's background job, this JVM ignores SIGINT and its children would too
      // (an ignored signal is inherited); a program may set it back to the default before exec.
      command.addAll(List.of("/usr/bin/perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", "--"));
    }
    command.addAll(strata);
    command.addAll(List.of("migrate", "deploy", "--url", url, "--migrations", migrations.toString(), "--lock-timeout", "120s"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("NO_COLOR", "1");
    Process process = builder.start();
    ignoresInterrupt = ignoresInterrupt || ignoresSigint(process.pid());
    return process;
  }

  /** Reads a process's ignored-signal mask from /proc (Linux); false where it cannot be read. */
  private static boolean ignoresSigint(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("SigIgn:")) {
          return (Long.parseLong(line.substring(7).strip(), 16) & 0x2) != 0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return false;
  }

  /** Waits for {@code point}, then signals the first deploy; returns whether the point was reached before the deploy ended. */
  private boolean stopAt(Point point, Signal signal, Process first, Connection admin, Connection holder, Random random,
      int historyWriteAfter, String concurrentIndex) throws Exception {
    boolean reached = switch (point) {
      case STARTUP -> {
        Thread.sleep(random.nextInt(700));
        yield first.isAlive();
      }
      case LOCK_WAIT -> await(first, () -> outputContains(work.resolve("first.out"), "Waiting for another migration"));
      case MID_STATEMENT -> {
        boolean sleeping = await(first, () -> count(admin, "select count(*) from pg_stat_activity where application_name = 'strata'"
            + " and state = 'active' and query like '%pg_sleep%' and pid <> pg_backend_pid()") > 0);
        Thread.sleep(random.nextInt(60));
        yield sleeping;
      }
      case BETWEEN -> {
        int after = 1 + random.nextInt(HISTORY.size() - 1);
        yield await(first, () -> tableExists(admin) && count(admin, "select count(*) from _prisma_migrations where finished_at is not null") >= after);
      }
      case CONCURRENTLY -> {
        if (concurrentIndex.equals("big_w_idx")) {
          await(first, () -> tableExists(admin) && count(admin,
              "select count(*) from _prisma_migrations where finished_at is not null and migration_name like '%index_first'") > 0);
        }
        execute(holder, "BEGIN ISOLATION LEVEL REPEATABLE READ");
        execute(holder, "SELECT count(*) FROM pg_class");
        yield await(first, () -> count(admin, "select count(*) from pg_stat_activity where application_name = 'strata'"
            + " and query like 'CREATE INDEX CONCURRENTLY " + concurrentIndex + "%' and state = 'active'") > 0);
      }
      case HISTORY_WRITE -> {
        if (historyWriteAfter > 0) {
          await(first, () -> count(admin, "select count(*) from _prisma_migrations where finished_at is not null") >= historyWriteAfter);
          holdHistoryTable(holder);
        }
        yield await(first, () -> count(admin, "select count(*) from pg_stat_activity where application_name = 'strata'"
            + " and wait_event_type = 'Lock' and query like '%_prisma_migrations%'") > 0);
      }
    };
    new ProcessBuilder("kill", "-" + signal.number, String.valueOf(first.pid())).start().waitFor();
    return reached;
  }

  private static boolean outputContains(Path file, String text) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private static void holdHistoryTable(Connection holder) throws SQLException {
    execute(holder, "BEGIN");
    execute(holder, "LOCK TABLE _prisma_migrations IN EXCLUSIVE MODE");
  }

  /** Polls {@code condition} until it holds or the deploy ends (then false). */
  private static boolean await(Process process, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (!process.isAlive()) {
        return false;
      }
      Thread.sleep(2);
    }
    return false;
  }

  /** The invariants: no marker twice; finished rows with all markers, no row with none, an unfinished row with a prefix. */
  private List<String> check(Connection admin) throws SQLException {
    List<String> violations = new ArrayList<>();
    Map<String, Integer> markers = new LinkedHashMap<>();
    if (exists(admin, "applied")) {
      try (Statement s = admin.createStatement(); ResultSet rows = s.executeQuery("select name, count(*) from applied group by name")) {
        while (rows.next()) {
          markers.put(rows.getString(1), rows.getInt(2));
        }
      }
    }
    markers.forEach((marker, count) -> {
      if (count > 1) {
        violations.add("marker " + marker + " applied " + count + " times");
      }
    });
    Map<String, List<Boolean>> rows = new LinkedHashMap<>();
    if (tableExists(admin)) {
      try (Statement s = admin.createStatement(); ResultSet r = s.executeQuery(
          "select migration_name, finished_at is not null from _prisma_migrations where rolled_back_at is null order by started_at")) {
        while (r.next()) {
          rows.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getBoolean(2));
        }
      }
    }
    int unfinished = 0;
    for (Migration m : HISTORY) {
      List<Boolean> recorded = rows.getOrDefault(m.name(), List.of());
      int present = (int) m.markers().stream().filter(markers::containsKey).count();
      boolean prefix = m.markers().subList(0, present).stream().allMatch(markers::containsKey);
      if (recorded.size() > 1) {
        violations.add(m.name() + " has " + recorded.size() + " rows");
      } else if (recorded.isEmpty() && present > 0) {
        violations.add(m.name() + " has no row but " + present + " of its markers");
      } else if (recorded.size() == 1 && recorded.get(0) && present != m.markers().size()) {
        violations.add(m.name() + " is finished but has " + present + " of " + m.markers().size() + " markers");
      } else if (recorded.size() == 1 && !recorded.get(0)) {
        unfinished++;
        if (!prefix) {
          violations.add(m.name() + " is unfinished and its markers are not a prefix");
        }
      }
    }
    if (unfinished > 1) {
      violations.add(unfinished + " unfinished rows");
    }
    return violations;
  }

  private int finished(Connection admin) throws SQLException {
    return tableExists(admin) ? count(admin, "select count(*) from _prisma_migrations where finished_at is not null and rolled_back_at is null") : 0;
  }

  private int unfinished(Connection admin) throws SQLException {
    return tableExists(admin) ? count(admin, "select count(*) from _prisma_migrations where finished_at is null and rolled_back_at is null") : 0;
  }

  private static boolean tableExists(Connection admin) {
    return exists(admin, "_prisma_migrations");
  }

  private static boolean exists(Connection admin, String table) {
    return count(admin, "select count(*) from pg_tables where schemaname = 'public' and tablename = '" + table + "'") > 0;
  }

  /** Waits until the sessions of earlier deploys (killed ones included) have ended on the server. */
  private static void awaitNoStrataSessions(Connection admin) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (count(admin, "select count(*) from pg_stat_activity where application_name = 'strata' and datname = current_database()") > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("sessions of a killed deploy are still running after 120 s");
      }
      Thread.sleep(10);
    }
  }

  private static int count(Connection connection, String sql) {
    try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  private Connection connect() throws SQLException {
    java.util.Properties props = parsed.toJdbcProperties();
    props.put("ApplicationName", "strata-crash-harness");
    return DriverManager.getConnection(parsed.toJdbcUrl(), props);
  }
}
