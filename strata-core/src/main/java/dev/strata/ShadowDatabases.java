package dev.strata;

import java.sql.Connection;

/**
 * Where migration histories are replayed: an empty scratch database, given out for one use and
 * dropped (or emptied) afterwards. The CLI provides the embedded PostgreSQL; a user can name their
 * own with {@code --shadow-database-url}.
 */
public interface ShadowDatabases {
  /**
   * A database of the user's ({@code --shadow-database-url}): used only when it is empty, and
   * emptied again after each use; Strata never wipes a database it did not find empty.
   */
  static ShadowDatabases userProvided(dev.strata.config.DatabaseUrl url) {
    return dev.strata.postgres.exec.UserShadowDatabases.of(url);
  }

  /** A fresh, empty database; closing the lease disposes of it. */
  Lease open();

  /** One borrowed shadow database. */
  interface Lease extends AutoCloseable {
    Connection connection();

    /** For messages: {@code the embedded PostgreSQL 17.11}, a masked URL. */
    String description();

    /**
     * Where a client of its own (pg_restore) reaches this database; empty when that cannot be
     * told (a connection handed in without its address).
     */
    default java.util.Optional<dev.strata.config.DatabaseUrl> url() {
      return java.util.Optional.empty();
    }

    @Override
    void close();
  }
}
