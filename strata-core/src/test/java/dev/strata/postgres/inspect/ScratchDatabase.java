package dev.strata.postgres.inspect;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.embedded.PostgresServer;
import dev.strata.embedded.ShadowDatabase;
import dev.strata.embedded.TestServers;
import java.sql.Connection;
import java.util.Optional;

/**
 * A uniquely named, empty database on one of the test servers, dropped on {@link #close()}: the
 * embedded PostgreSQL 17 of the test kit or the machine's PostgreSQL 15 on 127.0.0.1:5432.
 */
final class ScratchDatabase implements AutoCloseable {
  /** Which server a suite runs against. */
  enum Server {
    EMBEDDED,
    LOCAL;

    PostgresServer resolve() {
      if (this == EMBEDDED) {
        return TestServers.embedded();
      }
      Optional<PostgresServer> local = TestServers.localServer();
      assumeTrue(local.isPresent(), "no PostgreSQL server on 127.0.0.1:5432; this suite runs on the embedded one too");
      return local.get();
    }
  }

  private final ShadowDatabase database;

  private ScratchDatabase(ShadowDatabase database) {
    this.database = database;
  }

  static ScratchDatabase on(Server server) {
    return new ScratchDatabase(ShadowDatabase.create(server.resolve()));
  }

  static ScratchDatabase on(PostgresServer server) {
    return new ScratchDatabase(ShadowDatabase.create(server));
  }

  String name() {
    return database.name();
  }

  Connection connect() {
    return database.connect();
  }

  @Override
  public void close() {
    database.close();
  }
}
