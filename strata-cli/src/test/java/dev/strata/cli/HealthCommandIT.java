package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** strata health and strata check queries from the command line: formats, --fail-on and exit codes. */
@StrataDatabase
class HealthCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  String url;

  @BeforeEach
  void database(TestDatabase db) {
    db.execute("DROP SCHEMA IF EXISTS strata CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
        + "CREATE TABLE \"User\" (id int PRIMARY KEY, email text); CREATE TABLE \"Post\" (id int PRIMARY KEY, \"authorId\" int REFERENCES \"User\");"
        + "INSERT INTO \"User\" SELECT g, 'u' || g FROM generate_series(1, 100) g;");
    url = db.url().replace("postgresql://postgres@", "postgresql://postgres:sekret@");
  }

  @Test
  void text_report_and_fail_on() {
    CliRun run = CliRun.in(dir, Map.of(), "health", "--url", url, "--check", "fk-without-index,invalid-indexes", "--no-color");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("! warning  fk-without-index  1 foreign key(s) without an index")
        .contains("CREATE INDEX CONCURRENTLY \"Post_authorId_idx\" ON \"public\".\"Post\" (\"authorId\");")
        .contains("✓ ok       invalid-indexes  no invalid index").contains("Summary: 1 passed, 1 warning. Worst: warning.")
        .doesNotContain("sekret");

    assertThat(CliRun.in(dir, Map.of(), "health", "--url", url, "--check", "fk-without-index", "--fail-on", "warning").exitCode())
        .isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(CliRun.in(dir, Map.of(), "health", "--url", url, "--check", "fk-without-index", "--fail-on", "critical").exitCode())
        .isZero();
    CliRun bad = CliRun.in(dir, Map.of(), "health", "--url", url, "--fail-on", "panic");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("Unknown --fail-on \"panic\"");
    CliRun unknown = CliRun.in(dir, Map.of(), "health", "--url", url, "--check", "nope");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("Unknown check \"nope\"").doesNotContain("Exception");
  }

  @Test
  void json_prometheus_and_html() throws Exception {
    CliRun json = CliRun.in(dir, Map.of(), "health", "--url", url, "--format", "json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode doc = JSON.readTree(json.out());
    assertThat(doc.get("checks")).hasSizeGreaterThanOrEqualTo(30);
    assertThat(doc.get("database").asText()).isNotBlank();
    JsonNode fk = null;
    for (JsonNode c : doc.get("checks")) {
      if (c.get("id").asText().equals("fk-without-index")) {
        fk = c;
      }
    }
    assertThat(fk).isNotNull();
    assertThat(fk.get("severity").asText()).isEqualTo("warning");
    assertThat(fk.get("fixSql").asText()).startsWith("CREATE INDEX CONCURRENTLY");
    assertThat(json.out()).doesNotContain("sekret");

    CliRun prometheus = CliRun.in(dir, Map.of(), "health", "--url", url, "--format", "prometheus", "--check", "fk-without-index");
    assertThat(prometheus.out()).contains("# TYPE pg_up gauge").contains("strata_health_check_severity{check=\"fk-without-index\"} 2");

    CliRun html = CliRun.in(dir, Map.of(), "health", "--url", url, "--format", "html");
    assertThat(html.out()).startsWith("<!DOCTYPE html>").doesNotContain("<script");
  }

  @Test
  void snapshot_indexes_and_alerts() {
    CliRun snapshot = CliRun.in(dir, Map.of(), "health", "snapshot", "--url", url, "--file", "sizes.jsonl");
    assertThat(snapshot.exitCode()).as(snapshot.err()).isZero();
    assertThat(snapshot.out()).startsWith("Stored a snapshot of 2 table(s)").contains("sizes.jsonl");
    assertThat(Files.exists(dir.resolve("sizes.jsonl"))).isTrue();

    CliRun snapshotJson = CliRun.in(dir, Map.of(), "health", "snapshot", "--url", url, "--file", "sizes.jsonl", "--json");
    assertThat(snapshotJson.exitCode()).as(snapshotJson.out()).isZero();
    assertThat(snapshotJson.out()).contains("\"tables\" : 2");
    assertThat(CliRun.in(dir, Map.of(), "health", "indexes", "--url", url, "--json").out()).contains("\"coverage\"");

    CliRun indexes = CliRun.in(dir, Map.of(), "health", "indexes", "--url", url, "--no-color");
    assertThat(indexes.exitCode()).as(indexes.err()).isZero();
    assertThat(indexes.out()).contains("foreign key (authorId) → User: no index").contains("Coverage: 66.7 %");

    CliRun alerts = CliRun.in(dir, Map.of(), "health", "alerts");
    assertThat(alerts.exitCode()).isZero();
    assertThat(alerts.out()).contains("- alert: PostgresHighConnections");
  }

  @Test
  void check_queries_exits_3_on_a_failure_and_writes_junit() throws Exception {
    Files.createDirectories(dir.resolve("prisma"));
    Files.writeString(dir.resolve("prisma/queries.sql"), """
        -- query: user by id
        -- uses-index: User_pkey
        -- rows: 1
        SELECT * FROM "User" WHERE id = 7;

        -- query: posts by author
        -- uses-index: Post_authorId_idx
        SELECT * FROM "Post" WHERE "authorId" = 7;
        """);
    CliRun run = CliRun.in(dir, Map.of(), "check", "queries", "--url", url, "--junit", "reports/queries.xml", "--no-color");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.out()).contains("  ✓ user by id").contains("  ✗ posts by author")
        .contains("expected the plan to use index Post_authorId_idx").contains("1 passed, 1 failed");
    assertThat(Files.readString(dir.resolve("reports/queries.xml"))).contains("<testsuite name=\"strata check queries\" tests=\"2\" failures=\"1\"");

    CliRun json = CliRun.in(dir, Map.of(), "check", "queries", "--url", url, "--json");
    assertThat(json.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    JsonNode doc = JSON.readTree(json.out());
    assertThat(doc.get("failed").asInt()).isEqualTo(1);
    assertThat(doc.get("queries").get(0).get("indexesUsed").get(0).asText()).isEqualTo("User_pkey");

    CliRun missing = CliRun.in(dir, Map.of(), "check", "queries", "nothing.sql", "--url", url);
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(missing.err()).contains("nothing.sql does not exist");
  }
}
