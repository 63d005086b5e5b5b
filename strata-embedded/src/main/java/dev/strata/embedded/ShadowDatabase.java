package dev.strata.embedded;

import java.sql.Connection;
import java.util.Objects;

/**
 * A fresh, empty, uniquely named database that exists until {@link #close()} drops it: the shadow
 * database {@code migrate dev} and {@code migrate diff --from-migrations} replay migrations into.
 *
 * <p>By default it lives on the JVM's {@link LocalPostgres#shared()} server, where it is copied
 * from an empty template in milliseconds.
 */
public final class ShadowDatabase implements ServerDatabase, AutoCloseable {
  private final PostgresServer server;
  private final String name;
  private final Object closeLock = new Object();
  private boolean closed;

  private ShadowDatabase(PostgresServer server, String name) {
    this.server = server;
    this.name = name;
  }

  /** Creates a shadow database on the shared embedded server (starting it if needed). */
  public static ShadowDatabase create() {
    return create(LocalPostgres.shared());
  }

  /** Creates a shadow database on {@code server}, e.g. a user's {@code shadowDatabaseUrl} server. */
  public static ShadowDatabase create(PostgresServer server) {
    Objects.requireNonNull(server, "server");
    String name = DatabaseNames.unique("strata_shadow", "");
    server.createDatabase(name);
    return new ShadowDatabase(server, name);
  }

  /** The database's name, e.g. {@code strata_shadow_k3v9x0q2aa}. */
  @Override
  public String name() {
    return name;
  }

  /** The server the database lives on. */
  @Override
  public PostgresServer server() {
    return server;
  }

  /** Opens a new connection to the database; the caller closes it. */
  public Connection connect() {
    return server.connect(name);
  }

  /** Drops the database, ending any session still connected to it; idempotent. */
  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    server.dropDatabase(name);
  }

  @Override
  public String toString() {
    return "shadow database " + name + " on " + server;
  }
}
