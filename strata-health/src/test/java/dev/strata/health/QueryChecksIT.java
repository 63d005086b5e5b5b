package dev.strata.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.StrataException;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import dev.strata.health.QueryCheckReport.QueryResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** strata check queries: plans, results and speed checked with EXPLAIN (ANALYZE, BUFFERS), rolled back; JUnit XML. */
@StrataDatabase
class QueryChecksIT {
  @TempDir Path project;
  Health health;

  @BeforeEach
  void data(TestDatabase db) {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
        + "CREATE TABLE \"User\" (id int PRIMARY KEY, email text NOT NULL, plan text);"
        + "CREATE UNIQUE INDEX \"User_email_key\" ON \"User\" (email);"
        + "INSERT INTO \"User\" SELECT g, 'u' || g || '@example.com', CASE WHEN g % 3 = 0 THEN 'pro' ELSE 'free' END FROM generate_series(1, 20000) g;"
        + "ANALYZE \"User\";");
    health = HealthTestSupport.health(db.url(), project);
  }

  @Test
  void expectations_pass_and_fail_like_a_test_report(TestDatabase db) throws Exception {
    Path file = project.resolve("prisma/queries.sql");
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        -- Queries the app relies on.

        -- query: user by email
        -- uses-index: User_email_key
        -- no-seq-scan: User
        -- rows: 1
        -- result: 42
        -- max-ms: 500
        SELECT id FROM "User" WHERE email = 'u42@example.com';

        -- query: pro users
        -- no-seq-scan: User
        SELECT count(*) FROM "User" WHERE plan = 'pro';

        -- query: cleanup is rolled back
        -- rows: 20000
        DELETE FROM "User" RETURNING id;

        -- query: a typo
        SELECT nope FROM "User";
        """);
    QueryCheckReport report = health.checkQueries(Path.of("prisma/queries.sql"));
    assertThat(report.queries()).extracting(QueryResult::name)
        .containsExactly("user by email", "pro users", "cleanup is rolled back", "a typo");
    QueryResult byEmail = report.queries().get(0);
    assertThat(byEmail.passed()).as(byEmail.failures().toString()).isTrue();
    assertThat(byEmail.indexesUsed()).contains("User_email_key");
    assertThat(byEmail.result()).hasValue("42");
    assertThat(byEmail.executionMs()).isPositive();
    QueryResult pro = report.queries().get(1);
    assertThat(pro.passed()).isFalse();
    assertThat(pro.failures()).containsExactly("expected no sequential scan of User, the plan scans it");
    assertThat(report.queries().get(2).passed()).as(report.queries().get(2).failures().toString()).isTrue();
    assertThat(db.queryValue("SELECT count(*) FROM \"User\"")).hasValue("20000");
    assertThat(report.queries().get(3).failures().get(0)).startsWith("the query failed: ERROR: column \"nope\" does not exist");
    assertThat(report.failures()).isEqualTo(2);

    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(Health.junitXml(report).getBytes(StandardCharsets.UTF_8)));
    Element suite = xml.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("tests")).isEqualTo("4");
    assertThat(suite.getAttribute("failures")).isEqualTo("2");
    assertThat(suite.getElementsByTagName("testcase").getLength()).isEqualTo(4);
    assertThat(suite.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message").getNodeValue())
        .isEqualTo("expected no sequential scan of User, the plan scans it");
  }

  @Test
  void toml_queries_and_a_too_slow_query(TestDatabase db) throws Exception {
    Path file = project.resolve("queries.toml");
    Files.writeString(file, """
        [[query]]
        name = "slow on purpose"
        sql = "SELECT pg_sleep(0.05)"
        max_ms = 10

        [[query]]
        name = "count"
        sql = "SELECT count(*) FROM \\"User\\""
        result = "20000"
        """);
    QueryCheckReport report = health.checkQueries(file);
    assertThat(report.queries().get(0).passed()).isFalse();
    assertThat(report.queries().get(0).failures().get(0)).startsWith("expected under 10 ms, took ");
    assertThat(report.queries().get(1).passed()).as(report.queries().get(1).failures().toString()).isTrue();
  }

  @Test
  void a_malformed_file_is_a_clear_error() throws Exception {
    Path file = project.resolve("bad.sql");
    Files.writeString(file, "-- query: x\n-- rows: many\nSELECT 1;\n");
    assertThatThrownBy(() -> health.checkQueries(file)).isInstanceOf(StrataException.class)
        .hasMessageContaining("line 2: rows needs a number, not \"many\"");
    Files.writeString(file, "SELECT 1;\n");
    assertThatThrownBy(() -> health.checkQueries(file)).isInstanceOf(StrataException.class)
        .hasMessageContaining("SQL before the first \"-- query: NAME\" line");
    assertThatThrownBy(() -> health.checkQueries(project.resolve("missing.sql"))).isInstanceOf(StrataException.class)
        .hasMessageContaining("does not exist");
  }
}
