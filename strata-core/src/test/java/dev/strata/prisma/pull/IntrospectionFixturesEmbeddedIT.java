package dev.strata.prisma.pull;

import dev.strata.embedded.PostgresServer;
import dev.strata.embedded.TestServers;

/** Prisma's introspection fixtures on the embedded PostgreSQL. */
class IntrospectionFixturesEmbeddedIT extends IntrospectionFixtureCases {
  @Override
  PostgresServer server() {
    return TestServers.embedded();
  }
}
