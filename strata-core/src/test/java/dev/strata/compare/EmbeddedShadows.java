package dev.strata.compare;

import dev.strata.ShadowDatabases;
import dev.strata.embedded.ShadowDatabase;
import java.sql.Connection;
import java.sql.SQLException;

/** Shadow databases on the embedded PostgreSQL, as the CLI gives them out by default. */
public final class EmbeddedShadows implements ShadowDatabases {
  @Override
  public Lease open() {
    ShadowDatabase db = ShadowDatabase.create();
    Connection connection = db.connect();
    return new Lease() {
      @Override
      public Connection connection() {
        return connection;
      }

      @Override
      public String description() {
        return db.toString();
      }

      @Override
      public void close() {
        try {
          connection.close();
        } catch (SQLException e) {
          // the database is dropped next, with its sessions
        }
        db.close();
      }
    };
  }
}
