package dev.strata.postgres.exec;

import dev.strata.ErrorCode;
import dev.strata.ShadowDatabases;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A shadow database of the user's ({@code --shadow-database-url}): used only when empty, and
 * emptied again after each use. Strata never wipes a database it did not find empty.
 */
public final class UserShadowDatabases {
  private UserShadowDatabases() {}

  public static ShadowDatabases of(DatabaseUrl url) {
    return () -> {
      Connection connection = PgConnections.open(url);
      try {
        List<String> objects = ShadowReset.userObjects(connection);
        if (!objects.isEmpty()) {
          connection.close();
          throw new StrataException(
              ErrorCode.CONFIG,
              "The shadow database " + url.masked() + " is not empty (it holds " + String.join(", ", objects)
                  + (objects.size() == 5 ? ", …" : "") + "). Strata replays migrations only into an empty database"
                  + " and never wipes one it did not create: point --shadow-database-url at an empty database,"
                  + " or leave it out to use the embedded PostgreSQL.");
        }
      } catch (SQLException e) {
        throw new StrataException(ErrorCode.DATABASE, "Could not inspect the shadow database " + url.masked() + ": " + e.getMessage(), e);
      }
      return new ShadowDatabases.Lease() {
        @Override
        public Connection connection() {
          return connection;
        }

        @Override
        public String description() {
          return url.masked();
        }

        @Override
        public java.util.Optional<DatabaseUrl> url() {
          return java.util.Optional.of(url);
        }

        @Override
        public void close() {
          try (connection) {
            ShadowReset.reset(connection);
          } catch (SQLException e) {
            throw new StrataException(ErrorCode.DATABASE, "Could not empty the shadow database " + url.masked() + " after use: " + e.getMessage(), e);
          }
        }
      };
    };
  }
}
