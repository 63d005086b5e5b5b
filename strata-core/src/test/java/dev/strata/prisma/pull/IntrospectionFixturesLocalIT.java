package dev.strata.prisma.pull;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.embedded.PostgresServer;
import dev.strata.embedded.TestServers;

/** Prisma's introspection fixtures on the machine's PostgreSQL server, when it is reachable. */
class IntrospectionFixturesLocalIT extends IntrospectionFixtureCases {
  @Override
  PostgresServer server() {
    assumeTrue(TestServers.localServer().isPresent(), "no PostgreSQL server on 127.0.0.1:5432");
    return TestServers.localServer().get();
  }
}
