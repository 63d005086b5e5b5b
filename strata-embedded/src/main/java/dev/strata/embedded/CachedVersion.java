package dev.strata.embedded;

/** A server's version, asked of the server once, on first use, then remembered. */
final class CachedVersion {
  private final PostgresServer server;
  /** {@code SHOW server_version} and {@code server_version_num}; null until first asked. */
  private volatile String[] versions;

  CachedVersion(PostgresServer server) {
    this.server = server;
  }

  /** The version string, e.g. {@code 17.11}. */
  String text() {
    return versions()[0];
  }

  /** The major version, e.g. {@code 17}. */
  int major() {
    return ServerOps.major(versions()[1]);
  }

  private String[] versions() {
    String[] v = versions;
    if (v == null) {
      v = ServerOps.versions(server);
      versions = v;
    }
    return v;
  }
}
