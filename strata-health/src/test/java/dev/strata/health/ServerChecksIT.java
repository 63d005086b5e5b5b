package dev.strata.health;

import static dev.strata.health.HealthTestSupport.assertFound;
import static dev.strata.health.HealthTestSupport.assertPassed;
import static dev.strata.health.HealthTestSupport.await;
import static dev.strata.health.HealthTestSupport.check;
import static dev.strata.health.HealthTestSupport.exec;
import static dev.strata.health.HealthTestSupport.flushStats;
import static dev.strata.health.HealthTestSupport.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.LocalPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks of server settings: a server of its own, started durable, with WAL archiving on (and
 * failing), two-phase commit allowed and pg_stat_statements loaded, so that each bad state can be
 * made and repaired for real.
 */
class ServerChecksIT {
  static LocalPostgres server;
  @TempDir Path project;
  Health health;
  Connection connection;
  static int databases;
  String name;

  /** The archive: archive_command fails until the file {@code ready} exists here (a missing mount, say). */
  static Path archive;

  @BeforeAll
  static void start() throws java.io.IOException {
    archive = java.nio.file.Files.createTempDirectory("strata-health-archive");
    // zonky hands the settings to pg_ctl -o as one string, so the command has no spaces: a script
    Path script = archive.resolve("archive.sh");
    java.nio.file.Files.writeString(script, "#!/bin/sh\ntest -f '" + archive + "/ready'\n");
    script.toFile().setExecutable(true);
    server = LocalPostgres.builder()
        .serverSetting("fsync", "on").serverSetting("full_page_writes", "on").serverSetting("synchronous_commit", "on")
        .serverSetting("archive_mode", "on")
        .serverSetting("archive_command", script.toString())
        .serverSetting("max_prepared_transactions", "4")
        .serverSetting("shared_preload_libraries", "pg_stat_statements")
        .start();
  }

  @AfterAll
  static void stop() throws java.io.IOException {
    server.close();
    try (var files = java.nio.file.Files.walk(archive)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @BeforeEach
  void database() {
    name = "health_server_" + (++databases);
    server.createDatabase(name);
    health = HealthTestSupport.health(server.postgresUrl(name), project);
    connection = server.connect(name);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void unsafe_settings_for_the_database() throws SQLException {
    assertPassed(check(health, "unsafe-settings"));
    exec(connection, "ALTER DATABASE " + name + " SET synchronous_commit = off");
    assertFound(check(health, "unsafe-settings"), Severity.WARNING);
    exec(connection, "ALTER DATABASE " + name + " SET zero_damaged_pages = on");
    CheckResult found = check(health, "unsafe-settings");
    assertFound(found, Severity.CRITICAL);
    assertThat(found.fixSql()).hasValueSatisfying(sql -> assertThat(sql).contains("ALTER DATABASE \"" + name + "\" RESET zero_damaged_pages;"));
    for (String line : found.fixSql().get().split("\n")) {
      exec(connection, line);
    }
    assertPassed(check(health, "unsafe-settings"));
  }

  @Test
  void unsafe_settings_for_the_role() throws SQLException {
    exec(connection, "ALTER ROLE CURRENT_USER SET synchronous_commit = off");
    exec(connection, "ALTER ROLE CURRENT_USER IN DATABASE " + name + " SET allow_system_table_mods = on");
    try {
      CheckResult found = check(health, "unsafe-settings");
      assertFound(found, Severity.WARNING);
      assertThat(found.fixSql()).hasValue("ALTER ROLE CURRENT_USER IN DATABASE \"" + name + "\" RESET allow_system_table_mods;\n"
          + "ALTER ROLE CURRENT_USER RESET synchronous_commit;");
      for (String line : found.fixSql().get().split("\n")) {
        exec(connection, line);
      }
      assertPassed(check(health, "unsafe-settings"));
    } finally {
      exec(connection, "ALTER ROLE CURRENT_USER RESET ALL");
      exec(connection, "ALTER ROLE CURRENT_USER IN DATABASE " + name + " RESET ALL");
    }
  }

  @Test
  void forgotten_prepared_transaction() throws Exception {
    exec(connection, "CREATE TABLE t (id int PRIMARY KEY)");
    Health h = health.withThreshold("prepared-transactions", "warning_seconds", 0.5);
    try (Connection preparer = server.connect(name)) {
      preparer.setAutoCommit(false);
      exec(preparer, "INSERT INTO t VALUES (1)");
      exec(preparer, "PREPARE TRANSACTION 'health-test'");
      preparer.setAutoCommit(true);
    }
    Thread.sleep(700);
    CheckResult found = check(h, "prepared-transactions");
    assertFound(found, Severity.WARNING);
    assertThat(found.rows().get(0).get(0)).isEqualTo("health-test");
    exec(connection, "ROLLBACK PREPARED 'health-test'");
    assertPassed(check(h, "prepared-transactions"));
  }

  @Test
  void slow_statements_from_pg_stat_statements() throws SQLException {
    CheckResult missing = check(health, "slow-queries");
    assertThat(missing.status()).isEqualTo(CheckStatus.NOT_CONFIGURED);
    assertThat(missing.fixSql()).hasValueSatisfying(sql -> assertThat(sql).contains("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"));
    exec(connection, "CREATE EXTENSION pg_stat_statements");
    exec(connection, "SELECT pg_stat_statements_reset()");
    for (int i = 0; i < 4; i++) {
      exec(connection, "SELECT pg_sleep(0.06)");
    }
    Health h = health.withThreshold("slow-queries", "min_calls", 3).withThreshold("slow-queries", "warning_ms", 50);
    CheckResult found = check(h, "slow-queries");
    assertFound(found, Severity.WARNING);
    assertThat(found.rows().get(0).get(5)).contains("pg_sleep");
    String whole = found.fixSql().orElseThrow().lines().findFirst().orElseThrow();
    assertThat(whole).isEqualTo("SELECT queryid, query FROM pg_stat_statements WHERE queryid IN (" + found.rows().get(0).get(0) + ");");
    try (var s = connection.createStatement(); var rs = s.executeQuery(whole)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("query")).isEqualTo("SELECT pg_sleep($1)");
    }
    exec(connection, "SELECT pg_stat_statements_reset()");
    assertPassed(check(h, "slow-queries"));
  }

  /** With pg_stat_statements, missing-indexes' fix SQL lists the queries that scan the table: the ones to EXPLAIN. */
  @Test
  void missing_index_names_the_queries_to_explain_from_pg_stat_statements() throws SQLException {
    exec(connection, "CREATE EXTENSION pg_stat_statements");
    exec(connection, "CREATE TABLE \"Event\" (id int PRIMARY KEY, kind text); INSERT INTO \"Event\" SELECT g, 'k' || g FROM generate_series(1, 3000) g;"
        + "ANALYZE \"Event\"");
    exec(connection, "SELECT pg_stat_statements_reset()");
    for (int i = 0; i < 5; i++) {
      exec(connection, "SELECT count(*) FROM \"Event\" WHERE kind = 'k" + i + "'");
    }
    flushStats(connection);
    CheckResult found = check(health.withThreshold("missing-indexes", "min_rows", 1000), "missing-indexes");
    assertFound(found, Severity.WARNING);
    List<String> lines = found.fixSql().orElseThrow().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("-- \"public\".\"Event\": the statistics do not say which column its scans filter on; ")
        .contains("(listed below)");
    assertThat(lines.get(1)).isEqualTo("SELECT query, calls, round(mean_exec_time::numeric, 1) AS mean_ms FROM pg_stat_statements "
        + "WHERE query ~* '\\mEvent\\M' ORDER BY total_exec_time DESC LIMIT 5;");
    List<String> queries = new java.util.ArrayList<>();
    try (var s = connection.createStatement(); var rs = s.executeQuery(lines.get(1))) {
      while (rs.next()) {
        queries.add(rs.getString("query"));
      }
    }
    assertThat(queries).contains("SELECT count(*) FROM \"Event\" WHERE kind = $1");
  }

  @Test
  void failing_wal_archiving() throws Exception {
    exec(connection, "CREATE TABLE w (id int); INSERT INTO w SELECT generate_series(1, 1000)");
    exec(connection, "SELECT pg_switch_wal()");
    await("archive_command to fail", () -> {
      try {
        return number(connection, "SELECT failed_count FROM pg_stat_archiver") > 0;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    CheckResult found = check(health, "wal-archiving");
    assertFound(found, Severity.WARNING);
    java.nio.file.Files.createFile(archive.resolve("ready"));
    exec(connection, "SELECT pg_reload_conf()");  // wakes the archiver, which retries
    await("the archiver to succeed", () -> {
      try {
        return number(connection, "SELECT count(*) FROM pg_stat_archiver WHERE last_archived_time > last_failed_time") > 0;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    assertPassed(check(health, "wal-archiving"));
  }
}
