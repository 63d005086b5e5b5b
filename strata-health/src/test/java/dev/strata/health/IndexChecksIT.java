package dev.strata.health;

import static dev.strata.health.HealthTestSupport.assertFound;
import static dev.strata.health.HealthTestSupport.assertPassed;
import static dev.strata.health.HealthTestSupport.check;
import static dev.strata.health.HealthTestSupport.exec;
import static dev.strata.health.HealthTestSupport.flushStats;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index and schema checks: each bad state made on a real database, reported with its severity, repaired, passed. */
@StrataDatabase
class IndexChecksIT {
  @TempDir Path project;
  Health health;
  Connection connection;

  @BeforeEach
  void freshSchema(TestDatabase db) throws SQLException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    health = HealthTestSupport.health(db.url(), project);
    connection = db.connection();
  }

  @org.junit.jupiter.api.AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void duplicate_index(TestDatabase db) {
    db.execute("CREATE TABLE customer (id int PRIMARY KEY, email text); CREATE UNIQUE INDEX customer_email_key ON customer (email);"
        + "CREATE INDEX customer_email_idx ON customer (email);");
    CheckResult found = check(health, "duplicate-indexes");
    assertFound(found, Severity.WARNING);
    assertThat(found.rows().get(0).get(2)).isEqualTo("customer_email_key, customer_email_idx");
    assertThat(found.fixSql()).hasValue("DROP INDEX CONCURRENTLY \"public\".\"customer_email_idx\";");
    db.execute(found.fixSql().get());
    assertPassed(check(health, "duplicate-indexes"));
  }

  @Test
  void redundant_prefix_index(TestDatabase db) {
    db.execute("CREATE TABLE post (id int PRIMARY KEY, author int, created date);"
        + "CREATE INDEX post_author_idx ON post (author); CREATE INDEX post_author_created_idx ON post (author, created);");
    CheckResult found = check(health, "redundant-indexes");
    assertFound(found, Severity.WARNING);
    assertThat(found.rows()).hasSize(1);
    assertThat(found.rows().get(0)).contains("post_author_idx", "post_author_created_idx");
    db.execute(found.fixSql().get());
    assertPassed(check(health, "redundant-indexes"));
  }

  @Test
  void foreign_key_without_index(TestDatabase db) {
    db.execute("CREATE TABLE \"User\" (id int PRIMARY KEY); CREATE TABLE \"Post\" (id int PRIMARY KEY, \"authorId\" int REFERENCES \"User\");"
        + "CREATE TABLE \"Like\" (\"postId\" int REFERENCES \"Post\", \"userId\" int, PRIMARY KEY (\"postId\", \"userId\"));");
    CheckResult found = check(health, "fk-without-index");
    assertFound(found, Severity.WARNING);
    assertThat(found.rows()).hasSize(1);
    assertThat(found.rows().get(0)).contains("Post", "authorId");
    assertThat(found.fixSql()).hasValue("CREATE INDEX CONCURRENTLY \"Post_authorId_idx\" ON \"public\".\"Post\" (\"authorId\");");
    db.execute(found.fixSql().get());
    assertPassed(check(health, "fk-without-index"));
  }

  @Test
  void invalid_index_from_a_failed_concurrent_build(TestDatabase db) {
    db.execute("CREATE TABLE dup (id int PRIMARY KEY, v int); INSERT INTO dup VALUES (1, 7), (2, 7);");
    try {
      db.execute("CREATE UNIQUE INDEX CONCURRENTLY dup_v_key ON dup (v)");
    } catch (RuntimeException expected) {
      // the duplicate value makes the build fail and leaves the index invalid
    }
    CheckResult found = check(health, "invalid-indexes");
    assertFound(found, Severity.CRITICAL);
    assertThat(found.rows().get(0)).contains("dup_v_key");
    db.execute("DELETE FROM dup WHERE id = 2");
    db.execute(found.fixSql().get());
    assertPassed(check(health, "invalid-indexes"));
  }

  @Test
  void not_valid_constraint(TestDatabase db) {
    db.execute("CREATE TABLE price (id int PRIMARY KEY, amount int); INSERT INTO price VALUES (1, 5);"
        + "ALTER TABLE price ADD CONSTRAINT price_positive CHECK (amount > 0) NOT VALID;");
    CheckResult found = check(health, "not-valid-constraints");
    assertFound(found, Severity.WARNING);
    assertThat(found.rows().get(0)).contains("price_positive", "check");
    db.execute(found.fixSql().get());
    assertPassed(check(health, "not-valid-constraints"));
  }

  @Test
  void table_without_primary_key(TestDatabase db) {
    db.execute("CREATE TABLE log (at timestamptz, line text);"
        + "CREATE TABLE tag (id int, name text); INSERT INTO tag VALUES (1, 'a'), (2, 'b'); CREATE UNIQUE INDEX tag_name_key ON tag (name);");
    CheckResult found = check(health, "tables-without-primary-key");
    assertFound(found, Severity.WARNING);
    // a unique index becomes the key; without one, an identity column (named row_id beside an existing id)
    assertThat(found.fixSql()).hasValue("ALTER TABLE \"public\".\"log\" ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;\n"
        + "ALTER TABLE \"public\".\"tag\" ADD PRIMARY KEY USING INDEX \"tag_name_key\";");
    db.execute("DROP INDEX tag_name_key");
    assertThat(check(health, "tables-without-primary-key").fixSql().orElseThrow())
        .endsWith("ALTER TABLE \"public\".\"tag\" ADD COLUMN row_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;");
    db.execute("CREATE UNIQUE INDEX tag_name_key ON tag (name)");
    db.execute(found.fixSql().get());
    assertPassed(check(health, "tables-without-primary-key"));
  }

  @Test
  void unused_index(TestDatabase db) throws SQLException {
    db.execute("CREATE TABLE item (id int PRIMARY KEY, sku text); INSERT INTO item SELECT g, 's' || g FROM generate_series(1, 2000) g;"
        + "CREATE INDEX item_sku_idx ON item (sku);");
    Health small = health.withThreshold("unused-indexes", "min_size_mb", 0);
    CheckResult found = check(small, "unused-indexes");
    assertFound(found, Severity.INFO);
    assertThat(found.rows()).extracting(r -> r.get(2)).containsExactly("item_sku_idx");
    // used once: no longer reported
    exec(connection, "SET enable_seqscan = off");
    exec(connection, "SELECT * FROM item WHERE sku = 's5'");
    flushStats(connection);
    assertPassed(check(small, "unused-indexes"));
  }

  @Test
  void missing_index_on_a_table_read_by_sequential_scans(TestDatabase db) throws SQLException {
    db.execute("CREATE TABLE event (id int PRIMARY KEY, kind text); INSERT INTO event SELECT g, 'k' || g FROM generate_series(1, 5000) g;"
        + "ANALYZE event;");
    db.execute("SELECT pg_stat_force_next_flush()");
    try (Statement s = connection.createStatement()) {
      for (int i = 0; i < 5; i++) {
        s.execute("SELECT count(*) FROM event WHERE kind = 'k" + i + "'");
      }
    }
    flushStats(connection);
    Health lower = health.withThreshold("missing-indexes", "min_rows", 1000);
    CheckResult found = check(lower, "missing-indexes");
    assertFound(found, Severity.WARNING);
    assertThat(found.rows().get(0)).contains("event");
    assertThat(found.fixSql()).hasValue("-- \"public\".\"event\": the statistics do not say which column its scans filter on; "
        + "EXPLAIN (ANALYZE, BUFFERS) the queries that read it (CREATE EXTENSION pg_stat_statements would list them), "
        + "then CREATE INDEX CONCURRENTLY on the column of their Seq Scan's Filter");
    db.execute("CREATE INDEX event_kind_idx ON event (kind)");
    try (Statement s = connection.createStatement()) {
      for (int i = 0; i < 200; i++) {
        s.execute("SELECT id FROM event WHERE kind = 'k" + i + "'");
      }
    }
    flushStats(connection);
    assertPassed(check(lower, "missing-indexes"));
  }
}
