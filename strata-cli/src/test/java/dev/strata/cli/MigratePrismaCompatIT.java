package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strata and the real Prisma CLI take turns on one database: each reads the history the other
 * wrote (applied, failed and rolled-back rows) and acts on it the same way. Needs the offline
 * Prisma 7 CLI of {@code /tmp/prisma-oracle}, skipped without it, or of {@code -Dstrata.prisma.oracle=DIR}
 * (CI installs it there: {@code .ci/run}), which then must hold it.
 */
@StrataDatabase
class MigratePrismaCompatIT {
  private static final String ORACLE_PROPERTY = System.getProperty("strata.prisma.oracle");
  private static final Path ORACLE = Path.of(ORACLE_PROPERTY != null ? ORACLE_PROPERTY : "/tmp/prisma-oracle");

  @TempDir Path dir;
  private String url;

  /** What a Prisma command printed and its exit code. */
  record Run(int exitCode, String output) {}

  @BeforeEach
  void project(TestDatabase db) throws IOException {
    boolean installed = Files.isRegularFile(ORACLE.resolve("node_modules/prisma/build/index.js"))
        && Files.isRegularFile(ORACLE.resolve("schema-engine-shim.mjs"));
    if (ORACLE_PROPERTY != null) {
      assertThat(installed).as("-Dstrata.prisma.oracle=" + ORACLE + " holds the installed Prisma oracle (npm install there)").isTrue();
    }
    Assumptions.assumeTrue(installed, "the Prisma oracle is not installed in " + ORACLE);
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    url = db.url();
    Files.createDirectories(dir.resolve("prisma/migrations"));
    Files.createSymbolicLink(dir.resolve("node_modules"), ORACLE.resolve("node_modules"));
    Files.writeString(dir.resolve("prisma.config.ts"), """
        import { defineConfig, env } from "prisma/config";
        export default defineConfig({
          schema: "prisma/schema.prisma",
          migrations: { path: "prisma/migrations" },
          datasource: { url: env("DATABASE_URL") },
        });
        """);
    Files.writeString(dir.resolve("prisma/schema.prisma"), "datasource db {\n  provider = \"postgresql\"\n}\n");
    Files.writeString(dir.resolve("prisma/migrations/migration_lock.toml"), MigrateDeployCommandIT.LOCK);
    migration("20240101000000_init", "-- CreateTable\nCREATE TABLE \"A\" (\"id\" INTEGER NOT NULL, CONSTRAINT \"A_pkey\" PRIMARY KEY (\"id\"));\n");
    migration("20240102000000_second", "CREATE TABLE \"B\" (\"id\" INTEGER NOT NULL);\n");
  }

  @org.junit.jupiter.api.AfterEach
  void unlinkOracle() throws IOException {
    Files.deleteIfExists(dir.resolve("node_modules"));
  }

  private void migration(String name, String sql) throws IOException {
    Files.createDirectories(dir.resolve("prisma/migrations").resolve(name));
    Files.writeString(dir.resolve("prisma/migrations").resolve(name).resolve("migration.sql"), sql);
  }

  private Run prisma(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("node", ORACLE.resolve("node_modules/prisma/build/index.js").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(Map.of("DATABASE_URL", url, "PRISMA_SCHEMA_ENGINE_BINARY", ORACLE.resolve("schema-engine-shim.mjs").toString(),
        "CHECKPOINT_DISABLE", "1", "PRISMA_HIDE_UPDATE_MESSAGE", "1"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  private CliRun strata(String... args) {
    return CliRun.in(dir, Map.of("DATABASE_URL", url), args);
  }

  @Test
  void prisma_accepts_the_history_strata_writes_including_failed_and_rolled_back_rows() throws Exception {
    assertThat(strata("migrate", "deploy").exitCode()).isZero();
    Run upToDate = prisma("migrate", "status");
    assertThat(upToDate.exitCode()).as(upToDate.output()).isZero();
    assertThat(upToDate.output()).contains("Database schema is up to date!");

    migration("20240103000000_bad", "SELECT 1/0;\n");
    assertThat(strata("migrate", "deploy").exitCode()).isEqualTo(1);
    Run failed = prisma("migrate", "status");
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.output()).contains("Following migration have failed:\n20240103000000_bad");
    Run refused = prisma("migrate", "deploy");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.output()).contains("P3009").contains("The `20240103000000_bad` migration started at");

    assertThat(strata("migrate", "resolve", "--rolled-back", "20240103000000_bad").exitCode()).isZero();
    migration("20240103000000_bad", "SELECT 1;\n");
    Run deploy = prisma("migrate", "deploy");
    assertThat(deploy.exitCode()).as(deploy.output()).isZero();
    assertThat(deploy.output()).contains("20240103000000_bad/").contains("All migrations have been successfully applied.");
    assertThat(strata("migrate", "status").exitCode()).isZero();
  }

  @Test
  void strata_reads_and_continues_the_history_prisma_writes() throws Exception {
    migration("20240103000000_bad", "CREATE TABLE \"C\" (\"id\" INTEGER);\nSELECT 1/0;\n");
    Run deploy = prisma("migrate", "deploy");
    assertThat(deploy.exitCode()).isEqualTo(1);

    CliRun status = strata("migrate", "status");
    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.out()).containsPattern("1  2024-01-01 00:00:00  init\\s+applied").containsPattern("3  2024-01-03 00:00:00  bad\\s+failed");
    assertThat(status.err()).contains("Following migration have failed:\n20240103000000_bad");
    assertThat(strata("migrate", "deploy").err()).contains("P3009").contains("The `20240103000000_bad` migration started at");

    Run resolve = prisma("migrate", "resolve", "--rolled-back", "20240103000000_bad");
    assertThat(resolve.exitCode()).as(resolve.output()).isZero();
    assertThat(strata("migrate", "status").out()).containsPattern("3  2024-01-03 00:00:00  bad\\s+rolled back");
    migration("20240103000000_bad", "CREATE TABLE \"C\" (\"id\" INTEGER);\n");
    CliRun redeploy = strata("migrate", "deploy");
    assertThat(redeploy.exitCode()).as(redeploy.all()).isZero();
    assertThat(redeploy.out()).contains("Applying migration `20240103000000_bad`").doesNotContain("`20240101000000_init`");
    Run prismaStatus = prisma("migrate", "status");
    assertThat(prismaStatus.exitCode()).as(prismaStatus.output()).isZero();

    Run baseline = prisma("migrate", "resolve", "--applied", "20240101000000_init");
    assertThat(baseline.output()).contains("P3008");
    assertThat(strata("migrate", "resolve", "--applied", "20240101000000_init").err()).contains("P3008");
  }

  @Test
  void out_of_order_and_edited_histories_get_prismas_verdicts_exit_codes_and_datasource_line() throws Exception {
    assertThat(strata("migrate", "deploy").exitCode()).isZero();
    migration("20240101120000_between", "CREATE TABLE \"Between\" (\"id\" INTEGER);\n");

    Run prismaBehind = prisma("migrate", "status");
    CliRun strataBehind = strata("migrate", "status");
    assertThat(strataBehind.exitCode()).as(prismaBehind.output()).isEqualTo(prismaBehind.exitCode()).isEqualTo(1);
    String verdict = "Following migration have not yet been applied:\n20240101120000_between\n";
    assertThat(prismaBehind.output()).contains(verdict);
    assertThat(strataBehind.out()).contains(verdict);
    String datasource = prismaBehind.output().lines().filter(l -> l.startsWith("Datasource ")).findFirst().orElseThrow();
    assertThat(strataBehind.out().lines().findFirst()).hasValue(datasource);

    CliRun deploy = strata("migrate", "deploy");
    assertThat(deploy.exitCode()).isZero();
    assertThat(deploy.out().lines().findFirst()).hasValue(datasource);
    Run prismaAfter = prisma("migrate", "status");
    assertThat(prismaAfter.exitCode()).as(prismaAfter.output()).isZero();
    assertThat(strata("migrate", "status").exitCode()).isZero();

    migration("20240102000000_second", "CREATE TABLE \"B\" (\"id\" INTEGER NOT NULL); -- edited\n");
    Run prismaEdited = prisma("migrate", "status");
    assertThat(prismaEdited.exitCode()).as(prismaEdited.output()).isZero();
    assertThat(prismaEdited.output()).contains("Database schema is up to date!");
    assertThat(strata("migrate", "status").exitCode()).isZero();
    assertThat(strata("migrate", "status", "--strict").exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
  }
}
