package dev.strata.lint.observe;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.LintRequest;
import dev.strata.LintResult;
import dev.strata.Strata;
import dev.strata.StrataConfig;
import dev.strata.embedded.PostgresServer;
import dev.strata.embedded.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ObservedLintContract} with the machine's PostgreSQL (15 here) as the shadow: an empty
 * database {@code lint_shadow_*} of its own as {@code shadowDatabaseUrl}, and a scratch one.
 */
class ObservedLintLocalServerIT extends ObservedLintContract {
  private PostgresServer server;
  private String shadow;
  private String scratch;

  @BeforeEach
  void createDatabases() {
    Optional<PostgresServer> local = TestServers.localServer();
    assumeTrue(local.isPresent(), "no PostgreSQL server on 127.0.0.1:5432");
    server = local.get();
    String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    shadow = "lint_shadow_" + suffix;
    scratch = "lint_scratch_" + suffix;
    server.createDatabase(shadow);
    server.createDatabase(scratch);
  }

  @AfterEach
  void dropDatabases() {
    if (server != null) {
      server.dropDatabase(shadow);
      server.dropDatabase(scratch);
    }
  }

  @Test
  void the_pending_migrations_are_observed_after_the_applied_ones_are_replayed() throws IOException {
    Path migrations = project.resolve("prisma/migrations");
    Files.createDirectories(migrations.resolve("20240101000000_init"));
    Files.writeString(migrations.resolve("20240101000000_init/migration.sql"),
        "CREATE TABLE \"orders\" (\"id\" INTEGER NOT NULL, \"total\" INTEGER, CONSTRAINT \"orders_pkey\" PRIMARY KEY (\"id\"));\n");
    Strata target = Strata.configure().url(server.postgresUrl(scratch)).migrations(migrations).workingDirectory(project)
        .shadowDatabaseUrl(server.postgresUrl(shadow)).load();
    target.deploy();
    Files.createDirectories(migrations.resolve("20240201000000_change"));
    Files.writeString(migrations.resolve("20240201000000_change/migration.sql"), """
        ALTER TABLE "orders" ADD COLUMN "qty" INTEGER DEFAULT 0;
        ALTER TABLE "orders" ALTER COLUMN "total" TYPE BIGINT;
        """);
    LintResult result = target.lint(LintRequest.pending());
    assertThat(result.files()).containsExactly("prisma/migrations/20240201000000_change/migration.sql");
    assertThat(result.observed()).isTrue();
    assertThat(result.notes()).anyMatch(n -> n.contains("after replaying 1 earlier migration"));
  }

  @Override
  StrataConfig.Builder withShadow(StrataConfig.Builder builder) {
    return builder.shadowDatabaseUrl(server.postgresUrl(shadow));
  }

  @Override
  Connection scratch() {
    return server.connect(scratch);
  }
}
