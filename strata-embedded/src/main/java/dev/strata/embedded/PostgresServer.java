package dev.strata.embedded;

import java.sql.Connection;

/**
 * A running PostgreSQL server on which Strata creates, opens and drops databases: the embedded
 * {@link LocalPostgres} or an external server reached over TCP.
 *
 * <p>All methods throw {@link EmbeddedPostgresException} (unchecked) on failure. Connections use
 * the superuser named by {@link #user()} without a password (trust authentication).
 */
public sealed interface PostgresServer permits LocalPostgres, ExternalPostgres {

  /** An external server at {@code host:port}, reached as {@code user} without a password; no connection is attempted here. */
  static PostgresServer external(String host, int port, String user) {
    return new ExternalPostgres(host, port, user);
  }

  /** The host name or address clients connect to, e.g. {@code 127.0.0.1}. */
  String host();

  /** The TCP port the server listens on. */
  int port();

  /** The superuser clients connect as, e.g. {@code postgres}. */
  String user();

  /** The server's version string as reported by {@code SHOW server_version}, e.g. {@code 17.11}. */
  String version();

  /** The server's major version, e.g. {@code 17}. */
  int majorVersion();

  /** A self-contained JDBC URL (user included) for {@code database}. */
  default String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host() + ":" + port() + "/" + DatabaseNames.urlPath(DatabaseNames.requireValid(database))
        + "?user=" + DatabaseNames.urlPath(user());
  }

  /** A Prisma-style URL for {@code database}: {@code postgresql://postgres@127.0.0.1:PORT/db}. */
  default String postgresUrl(String database) {
    return "postgresql://" + DatabaseNames.urlPath(user()) + "@" + host() + ":" + port() + "/"
        + DatabaseNames.urlPath(DatabaseNames.requireValid(database));
  }

  /** Opens a new connection to {@code database}; the caller closes it. */
  default Connection connect(String database) {
    return ServerOps.connect(this, database);
  }

  /**
   * Creates an empty database by the fastest means the server offers (a pre-made empty template
   * on the embedded server, {@code template0} elsewhere).
   */
  void createDatabase(String name);

  /** Creates a database as a copy of {@code template}; nobody may be connected to the template. */
  default void createDatabase(String name, String template) {
    ServerOps.createDatabase(this, name, template);
  }

  /** Drops the database if it exists, first ending every session connected to it. */
  default void dropDatabase(String name) {
    ServerOps.dropDatabase(this, name);
  }

  /** Whether a database of that name exists. */
  default boolean databaseExists(String name) {
    return ServerOps.databaseExists(this, name);
  }
}
