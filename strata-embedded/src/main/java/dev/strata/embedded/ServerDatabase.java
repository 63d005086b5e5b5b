package dev.strata.embedded;

/** A database on a {@link PostgresServer}, and the URLs that reach it. */
public interface ServerDatabase {
  /** The database's name. */
  String name();

  /** The server the database lives on. */
  PostgresServer server();

  /** A self-contained JDBC URL for the database. */
  default String jdbcUrl() {
    return server().jdbcUrl(name());
  }

  /** A Prisma-style URL for the database ({@code postgresql://postgres@127.0.0.1:PORT/name}). */
  default String url() {
    return server().postgresUrl(name());
  }
}
