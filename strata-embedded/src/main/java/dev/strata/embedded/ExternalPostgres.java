package dev.strata.embedded;

import java.util.Objects;

/** A PostgreSQL server Strata did not start, reached over TCP (package-private; see {@link PostgresServer#external}). */
final class ExternalPostgres implements PostgresServer {
  private final String host;
  private final int port;
  private final String user;
  private final CachedVersion versions = new CachedVersion(this);

  ExternalPostgres(String host, int port, String user) {
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.user = Objects.requireNonNull(user, "user");
    if (port <= 0 || port > 65535) {
      throw new EmbeddedPostgresException("Port " + port + " is not a TCP port.");
    }
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String user() {
    return user;
  }

  @Override
  public String version() {
    return versions.text();
  }

  @Override
  public int majorVersion() {
    return versions.major();
  }

  /** template0 always exists and never has sessions, unlike template1 on a shared server. */
  @Override
  public void createDatabase(String name) {
    ServerOps.createDatabase(this, name, "template0");
  }

  @Override
  public String toString() {
    return "PostgreSQL at " + host + ":" + port;
  }
}
