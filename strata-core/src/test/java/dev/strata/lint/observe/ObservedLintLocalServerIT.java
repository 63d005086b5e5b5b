package dev.strata.lint.observe;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.StrataConfig;
import dev.strata.embedded.PostgresServer;
import dev.strata.embedded.TestServers;
import java.sql.Connection;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

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

  @Override
  StrataConfig.Builder withShadow(StrataConfig.Builder builder) {
    return builder.shadowDatabaseUrl(server.postgresUrl(shadow));
  }

  @Override
  Connection scratch() {
    return server.connect(scratch);
  }
}
