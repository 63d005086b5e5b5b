package dev.strata.lint.observe;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.embedded.PostgresServer;
import dev.strata.embedded.TestServers;
import java.sql.Connection;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link MigrationObserverContract} on the machine's PostgreSQL (15 here), in a database {@code
 * lint_observe_*} of its own, dropped after the class (skipped when the server is not reachable).
 */
class MigrationObserverLocalServerIT extends MigrationObserverContract {
  private static PostgresServer server;
  private static String database;

  @BeforeAll
  static void createDatabase() {
    Optional<PostgresServer> local = TestServers.localServer();
    assumeTrue(local.isPresent(), "no PostgreSQL server at " + System.getProperty("strata.test.local.host", "127.0.0.1"));
    server = local.get();
    database = "lint_observe_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    server.createDatabase(database);
  }

  @AfterAll
  static void dropDatabase() {
    if (server != null && database != null) {
      server.dropDatabase(database);
    }
  }

  @Override
  Connection connect() {
    return server.connect(database);
  }
}
