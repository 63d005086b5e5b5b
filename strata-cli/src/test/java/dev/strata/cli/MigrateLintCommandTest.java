package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata migrate lint}: findings with file:line, code, message and fix; formats; exit codes; suppression. */
class MigrateLintCommandTest {
  @TempDir Path project;

  private void migration(String name, String sql) throws IOException {
    Path dir = project.resolve("prisma/migrations").resolve(name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("migration.sql"), sql);
  }

  private void history() throws IOException {
    migration("20240101000000_init", """
        CREATE TABLE "orders" ("id" BIGINT NOT NULL, "user_id" BIGINT, CONSTRAINT "orders_pkey" PRIMARY KEY ("id"));
        CREATE INDEX "orders_user_id_idx" ON "orders"("user_id");
        """);
    migration("20240201000000_changes", """
        SET lock_timeout = '5s';
        CREATE INDEX "orders_total_idx" ON "orders"("user_id", "id");

        -- strata-lint-ignore LN001: the table was archived first (OPS-12)
        DROP TABLE "legacy";
        DROP TABLE "invoices";
        """);
  }

  @Test
  void text_names_file_line_code_message_and_fix_and_exits_3_on_an_error() throws IOException {
    history();
    CliRun run = CliRun.in(project, "migrate", "lint", "--offline", "--migrations", "prisma/migrations");
    assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
    assertThat(run.out())
        .contains("warning[LN020]: builds index orders_total_idx on orders and blocks writes meanwhile (SHARE, scans the table; static rule (not observed))")
        .contains("--> prisma/migrations/20240201000000_changes/migration.sql:2")
        .contains("fix: -- in a migration of its own")
        .contains("CREATE INDEX CONCURRENTLY \"orders_total_idx\" ON \"orders\"(\"user_id\", \"id\");")
        .contains("error[LN001]: drops table invoices and all its rows")
        .contains("migration.sql:6")
        .doesNotContain("drops table legacy")
        .contains("Linted 2 migrations (6 statements): 1 error, 1 warning, 0 notes; 1 suppressed."
            + " Locks and rewrites: static rule (not observed).");
    // the index of the first migration is on a table created there: never flagged
    assertThat(run.out()).doesNotContain("orders_user_id_idx");
    assertThat(run.err()).contains("static rules' judgement (--offline)");
  }

  @Test
  void json_github_and_sarif_carry_the_same_findings() throws IOException {
    history();
    CliRun json = CliRun.in(project, "migrate", "lint", "--offline", "--all", "--format", "json", "--migrations", "prisma/migrations");
    assertThat(json.exitCode()).isEqualTo(3);
    JsonNode doc = new ObjectMapper().readTree(json.out());
    List<String> codes = new ArrayList<>();
    doc.path("findings").forEach(f -> codes.add(f.path("code").asText()));
    assertThat(codes).containsExactly("LN020", "LN001");
    assertThat(doc.path("findings").get(0).path("lockMode").asText()).isEqualTo("SHARE");
    assertThat(doc.path("findings").get(0).path("basis").asText()).isEqualTo("static");
    assertThat(doc.path("suppressed").get(0).path("reason").asText()).isEqualTo("the table was archived first (OPS-12)");
    assertThat(doc.path("summary").path("errors").asInt()).isEqualTo(1);
    // the parse cache changes nothing in the output: again from it, and with --no-cache
    CliRun again = CliRun.in(project, "migrate", "lint", "--offline", "--all", "--format", "json", "--migrations", "prisma/migrations");
    CliRun noCache = CliRun.in(project, "migrate", "lint", "--offline", "--all", "--no-cache", "--format", "json", "--migrations", "prisma/migrations");
    assertThat(again.out()).isEqualTo(json.out());
    assertThat(noCache.out()).isEqualTo(json.out());
    assertThat(noCache.exitCode()).isEqualTo(3);

    CliRun github = CliRun.in(project, "migrate", "lint", "--offline", "--format", "github", "--migrations", "prisma/migrations");
    assertThat(github.out()).contains("::error file=prisma/migrations/20240201000000_changes/migration.sql,line=6,title=LN001 drop-table::");

    CliRun sarif = CliRun.in(project, "migrate", "lint", "--offline", "--format", "sarif", "--migrations", "prisma/migrations");
    JsonNode s = new ObjectMapper().readTree(sarif.out());
    assertThat(s.path("version").asText()).isEqualTo("2.1.0");
    assertThat(s.path("runs").get(0).path("results")).hasSize(2);
    assertThat(s.path("runs").get(0).path("results").get(1).path("level").asText()).isEqualTo("error");
    // --offline: whether each finding was observed travels with it
    assertThat(doc.path("findings").get(0).path("observed").asBoolean(true)).isFalse();
    assertThat(s.path("runs").get(0).path("results").get(0).path("properties").path("basis").asText()).isEqualTo("static");
    assertThat(github.out()).contains("static rule (not observed)");
  }

  @Test
  void since_and_files_choose_the_migrations_and_warnings_alone_exit_0() throws IOException {
    history();
    CliRun since = CliRun.in(project, "migrate", "lint", "--offline", "--since", "20240101000000_init", "--migrations", "prisma/migrations");
    assertThat(since.out()).contains("Linted 1 migration (4 statements)");
    CliRun unknown = CliRun.in(project, "migrate", "lint", "--offline", "--since", "2023_nope", "--migrations", "prisma/migrations");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("--since 2023_nope: no migration of that name").doesNotContain("Exception");
    CliRun file = CliRun.in(project, "migrate", "lint", "--offline", "prisma/migrations/20240101000000_init/migration.sql");
    assertThat(file.exitCode()).as(file.all()).isZero();
    assertThat(file.out()).contains("Linted 1 migration (2 statements): 0 errors, 0 warnings, 0 notes.");
  }

  @Test
  void strata_toml_turns_rules_off_and_on_and_rejects_unknown_codes() throws IOException {
    history();
    Files.writeString(project.resolve("strata.toml"), """
        [lint]
        disable = ["LN020"]
        enable = ["snake-case"]

        [[lint.ignore]]
        code = "LN001"
        path = "prisma/migrations/20240201000000_changes"
        reason = "archived"
        """);
    migration("20240301000000_more", "CREATE TABLE \"OrderItem\" (\"id\" BIGINT PRIMARY KEY);\n");
    CliRun run = CliRun.in(project, "migrate", "lint", "--offline", "--migrations", "prisma/migrations");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).doesNotContain("LN020").doesNotContain("error[LN001]").contains("note[LN074]: not snake_case: OrderItem");
    Files.writeString(project.resolve("strata.toml"), "[lint]\ndisable = [\"LN999\"]\n");
    CliRun bad = CliRun.in(project, "migrate", "lint", "--offline", "--migrations", "prisma/migrations");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("strata.toml: [lint] disable names \"LN999\", which is not a lint rule").doesNotContain("Exception");
  }

  @Test
  void an_unparsable_statement_is_an_error_finding_and_explain_knows_every_rule() throws IOException {
    migration("20240101000000_typo", "ALTER TABLE a ADD CONSTRAINT c CHECK (x > 0) NOT VALLID;\n");
    CliRun run = CliRun.in(project, "migrate", "lint", "--offline", "--migrations", "prisma/migrations");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).contains("error[LN099]: PostgreSQL cannot parse this statement: syntax error at or near \"VALLID\"");
    CliRun explain = CliRun.in(project, "explain", "LN024");
    assertThat(explain.exitCode()).as(explain.all()).isZero();
    assertThat(explain.out()).contains("What it means: ").contains("VALIDATE CONSTRAINT");
  }

  @Test
  void an_unreachable_database_is_a_clear_error_that_names_the_offline_way() throws IOException {
    history();
    CliRun run = CliRun.in(project, "migrate", "lint", "--url", "postgresql://app:s3cret@127.0.0.1:1/nowhere", "--migrations", "prisma/migrations");
    assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
    assertThat(run.err()).contains("--offline").doesNotContain("s3cret").doesNotContain("Exception");
  }
}
