package dev.strata.health;

import static dev.strata.health.HealthTestSupport.assertFound;
import static dev.strata.health.HealthTestSupport.assertPassed;
import static dev.strata.health.HealthTestSupport.check;
import static dev.strata.health.HealthTestSupport.exec;
import static dev.strata.health.HealthTestSupport.flushStats;
import static dev.strata.health.HealthTestSupport.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Size, bloat, vacuum, wraparound and sequence checks: bad state made for real, reported, repaired, passed. */
@StrataDatabase
class MaintenanceChecksIT {
  @TempDir Path project;
  Health health;
  Connection connection;

  @BeforeEach
  void freshSchema(TestDatabase db) {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    health = HealthTestSupport.health(db.url(), project);
    connection = db.connection();
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void table_bloat_from_mass_updates(TestDatabase db) throws SQLException {
    db.execute("CREATE TABLE account (id int PRIMARY KEY, note text) WITH (autovacuum_enabled = false);"
        + "INSERT INTO account SELECT g, repeat('x', 60) FROM generate_series(1, 60000) g;");
    exec(connection, "UPDATE account SET note = note");
    exec(connection, "UPDATE account SET note = note");
    exec(connection, "ANALYZE account");
    Health h = health.withThreshold("table-bloat", "warning_mb", 1);
    CheckResult found = check(h, "table-bloat");
    assertFound(found, Severity.WARNING);
    assertThat(found.rows().get(0).get(1)).isEqualTo("account");
    assertThat(Double.parseDouble(found.rows().get(0).get(4))).isGreaterThan(50);
    exec(connection, "VACUUM (FULL, ANALYZE) account");
    assertPassed(check(h, "table-bloat"));
  }

  @Test
  void index_bloat_from_mass_deletes(TestDatabase db) throws SQLException {
    db.execute("CREATE TABLE reading (id int PRIMARY KEY, v int) WITH (autovacuum_enabled = false);"
        + "INSERT INTO reading SELECT g, g FROM generate_series(1, 200000) g;");
    exec(connection, "DELETE FROM reading WHERE id % 10 <> 0");
    exec(connection, "VACUUM ANALYZE reading");
    Health h = health.withThreshold("index-bloat", "warning_mb", 1);
    CheckResult found = check(h, "index-bloat");
    assertFound(found, Severity.WARNING);
    assertThat(found.rows().get(0).get(2)).isEqualTo("reading_pkey");
    exec(connection, found.fixSql().get());
    exec(connection, "ANALYZE reading");
    assertPassed(check(h, "index-bloat"));
  }

  @Test
  void dead_tuples_waiting_for_a_vacuum(TestDatabase db) throws SQLException {
    db.execute("CREATE TABLE session (id int PRIMARY KEY, seen int) WITH (autovacuum_enabled = false);");
    exec(connection, "INSERT INTO session SELECT g, 0 FROM generate_series(1, 5000) g");
    exec(connection, "UPDATE session SET seen = 1 WHERE id <= 3000");
    flushStats(connection);
    CheckResult found = check(health, "dead-tuples");
    assertFound(found, Severity.WARNING);
    assertThat(found.rows().get(0)).contains("session", "3000", "never");
    exec(connection, "UPDATE session SET seen = 2");
    flushStats(connection);
    assertFound(check(health, "dead-tuples"), Severity.CRITICAL);
    exec(connection, "VACUUM session");
    flushStats(connection);
    assertPassed(check(health, "dead-tuples"));
  }

  @Test
  void stale_statistics(TestDatabase db) throws SQLException {
    db.execute("CREATE TABLE metric (id int PRIMARY KEY, v int) WITH (autovacuum_enabled = false);");
    exec(connection, "INSERT INTO metric SELECT g, g FROM generate_series(1, 5000) g");
    flushStats(connection);
    CheckResult found = check(health, "analyze-staleness");
    assertFound(found, Severity.WARNING);
    assertThat(found.fixSql()).hasValue("ANALYZE \"public\".\"metric\";");
    exec(connection, found.fixSql().get());
    flushStats(connection);
    assertPassed(check(health, "analyze-staleness"));
  }

  @Test
  void autovacuum_disabled_on_a_table(TestDatabase db) {
    db.execute("CREATE TABLE queue (id int PRIMARY KEY) WITH (autovacuum_enabled = false)");
    CheckResult found = check(health, "autovacuum-disabled");
    assertFound(found, Severity.WARNING);
    db.execute(found.fixSql().get());
    assertPassed(check(health, "autovacuum-disabled"));
  }

  @Test
  void sequence_near_the_end_of_its_column_type(TestDatabase db) {
    db.execute("CREATE TABLE ticket (id serial PRIMARY KEY);");
    db.execute("SELECT setval('ticket_id_seq', 1700000000)");
    assertFound(check(health, "sequence-exhaustion"), Severity.WARNING);
    db.execute("SELECT setval('ticket_id_seq', 2000000000)");
    CheckResult found = check(health, "sequence-exhaustion");
    assertFound(found, Severity.CRITICAL);
    assertThat(found.rows().get(0)).contains("ticket_id_seq", "ticket", "id", "integer", "2147483647");
    db.execute(found.fixSql().get());
    assertPassed(check(health, "sequence-exhaustion"));
  }

  @Test
  void integer_column_fed_by_a_bigint_sequence_is_measured_by_the_column(TestDatabase db) {
    db.execute("CREATE SEQUENCE legacy_seq AS bigint; CREATE TABLE legacy (id int DEFAULT nextval('legacy_seq') PRIMARY KEY);"
        + "ALTER SEQUENCE legacy_seq OWNED BY legacy.id; SELECT setval('legacy_seq', 2100000000);");
    CheckResult found = check(health, "sequence-exhaustion");
    assertFound(found, Severity.CRITICAL);
    assertThat(found.rows().get(0)).contains("legacy_seq", "2147483647");
    db.execute("ALTER TABLE legacy ALTER COLUMN id TYPE bigint");
    assertPassed(check(health, "sequence-exhaustion"));
  }

  @Test
  void transaction_id_age_of_the_database_and_its_tables(TestDatabase db) throws SQLException {
    db.execute("CREATE TABLE ledger (id int PRIMARY KEY)");
    exec(connection, "VACUUM (FREEZE)");
    long age = number(connection, "SELECT age(datfrozenxid) FROM pg_database WHERE datname = current_database()");
    Health h = health.withThreshold("xid-wraparound", "warning_age", age + 300)
        .withThreshold("xid-wraparound-tables", "warning_age", age + 300);
    assertPassed(check(h, "xid-wraparound"));
    assertPassed(check(h, "xid-wraparound-tables"));
    for (int i = 0; i < 400; i++) {
      exec(connection, "SELECT txid_current()");
    }
    assertFound(check(h, "xid-wraparound"), Severity.WARNING);
    CheckResult tables = check(h, "xid-wraparound-tables");
    assertFound(tables, Severity.WARNING);
    assertThat(tables.rows()).extracting(r -> r.get(1)).contains("ledger");
    exec(connection, "VACUUM (FREEZE)");
    assertPassed(check(h, "xid-wraparound"));
    assertPassed(check(h, "xid-wraparound-tables"));
  }

  @Test
  void multixact_age_from_shared_row_locks(TestDatabase db) throws SQLException {
    db.execute("CREATE TABLE wallet (id int PRIMARY KEY); INSERT INTO wallet VALUES (1);");
    exec(connection, "VACUUM (FREEZE)");
    long age = number(connection, "SELECT mxid_age(datminmxid) FROM pg_database WHERE datname = current_database()");
    Health h = health.withThreshold("multixact-wraparound", "warning_age", age + 1);
    assertPassed(check(h, "multixact-wraparound"));
    try (Connection second = db.connection()) {
      connection.setAutoCommit(false);
      second.setAutoCommit(false);
      exec(connection, "SELECT * FROM wallet WHERE id = 1 FOR SHARE");
      exec(second, "SELECT * FROM wallet WHERE id = 1 FOR SHARE");
      second.commit();
      connection.commit();
      connection.setAutoCommit(true);
    }
    assertFound(check(h, "multixact-wraparound"), Severity.WARNING);
    exec(connection, "VACUUM (FREEZE)");
    assertPassed(check(h, "multixact-wraparound"));
  }

  @Test
  void database_size_and_largest_tables_against_their_limits(TestDatabase db) throws SQLException {
    long bytes = number(connection, "SELECT pg_database_size(current_database())");
    double gb = 1024.0 * 1024 * 1024;
    Health h = health.withThreshold("database-size", "warning_gb", (bytes + 4 * 1024 * 1024) / gb)
        .withThreshold("largest-tables", "warning_gb", 4.0 * 1024 * 1024 / gb);
    assertPassed(check(h, "database-size"));
    assertPassed(check(h, "largest-tables"));
    db.execute("CREATE TABLE blob (id int PRIMARY KEY, data text); INSERT INTO blob SELECT g, md5(g::text) || repeat('y', 100) FROM generate_series(1, 60000) g;");
    CheckResult size = check(h, "database-size");
    assertFound(size, Severity.WARNING);
    assertThat(size.fixSql()).hasValueSatisfying(sql -> assertThat(sql).startsWith("-- no SQL to run: ").doesNotContain("\n"));
    CheckResult largest = check(h, "largest-tables");
    assertFound(largest, Severity.WARNING);
    assertThat(largest.fixSql()).hasValueSatisfying(sql -> assertThat(sql).startsWith("-- no SQL to run: ").doesNotContain("\n"));
    assertThat(largest.rows().get(0).get(1)).isEqualTo("blob");
    db.execute("DROP TABLE blob");
    assertPassed(check(h, "database-size"));
    assertPassed(check(h, "largest-tables"));
  }

  /**
   * largest-tables measures only the first candidates by the statistics' estimate: on 45 tables of
   * different sizes (one never analyzed, so without a page count) it shows the same ten, in the
   * same order, as exact sizes of every table.
   */
  @Test
  void largest_tables_from_estimates_equal_the_exact_ranking(TestDatabase db) throws SQLException {
    StringBuilder sql = new StringBuilder();
    for (int i = 1; i <= 44; i++) {
      sql.append("CREATE TABLE size_").append(i).append(" (id int PRIMARY KEY, pad text); INSERT INTO size_").append(i)
          .append(" SELECT g, repeat('p', 50) FROM generate_series(1, ").append(i * 97 % 1000 * 20).append(") g;");
    }
    db.execute(sql + "ANALYZE;");
    db.execute("CREATE TABLE size_unanalyzed (id int, pad text); INSERT INTO size_unanalyzed SELECT g, repeat('q', 60) FROM generate_series(1, 40000) g;");
    assertThat(number(connection, "SELECT reltuples::bigint FROM pg_class WHERE relname = 'size_unanalyzed'")).isEqualTo(-1);
    CheckResult largest = check(health, "largest-tables");
    List<String> exact = new java.util.ArrayList<>();
    try (var s = connection.createStatement(); var r = s.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE c.relkind IN ('r', 'm', 'p') AND n.nspname = 'public' ORDER BY pg_total_relation_size(c.oid) DESC, c.relname LIMIT 10")) {
      while (r.next()) {
        exact.add(r.getString(1));
      }
    }
    assertThat(largest.rows()).extracting(row -> row.get(1)).containsExactlyElementsOf(exact).contains("size_unanalyzed");
  }

  @Test
  void cache_misses_after_buffers_are_evicted(TestDatabase db) throws Exception {
    db.execute("CREATE EXTENSION IF NOT EXISTS pg_buffercache; CREATE TABLE page (id int PRIMARY KEY, body text);"
        + "INSERT INTO page SELECT g, repeat('z', 200) FROM generate_series(1, 3000) g;");
    exec(connection, "SELECT pg_stat_reset()");
    exec(connection, "SELECT pg_buffercache_evict(bufferid) FROM pg_buffercache WHERE relfilenode = pg_relation_filenode('page')");
    exec(connection, "SELECT count(*) FROM page");
    flushStats(connection);
    Health h = health.withThreshold("cache-hit-ratio", "min_blocks", 50);
    CheckResult missed = check(h, "cache-hit-ratio");
    assertFound(missed, Severity.CRITICAL);
    // the embedded server runs here as a superuser: it reads this machine's /proc/meminfo
    long memory = java.nio.file.Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
        .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).findFirst().orElseThrow();
    long current = number(connection, "SELECT pg_size_bytes(current_setting('shared_buffers'))");
    long mb = 1024 * 1024;
    assertThat(missed.fixSql()).hasValue("ALTER SYSTEM SET shared_buffers = '" + memory / 4 / mb + "MB';  -- 25 % of the server's "
        + memory / mb + "MB (now " + current / mb + "MB); needs a restart");
    exec(connection, missed.fixSql().get());  // the server accepts the value (it takes effect at a restart)
    exec(connection, "ALTER SYSTEM RESET shared_buffers");
    for (int i = 0; i < 150; i++) {
      exec(connection, "SELECT count(*) FROM page");
    }
    flushStats(connection);
    assertPassed(check(h, "cache-hit-ratio"));
  }
}
