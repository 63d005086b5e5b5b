package dev.strata.cli;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.ShadowDatabases;
import dev.strata.config.DatabaseUrl;
import dev.strata.embedded.EmbeddedPlatform;
import dev.strata.embedded.EmbeddedPostgresException;
import dev.strata.embedded.LocalPostgres;
import dev.strata.embedded.ShadowDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The shadow databases the CLI hands out: a user's {@code --shadow-database-url} (which must be
 * empty, and is emptied again afterwards), or else a throwaway database on the embedded PostgreSQL.
 */
public final class Shadows {
  private Shadows() {}

  /**
   * Fails before a command does any work when it would need the embedded PostgreSQL for its shadow
   * database (no {@code shadowUrl}) and this machine cannot run it (see {@link EmbeddedPlatform}).
   *
   * @throws StrataException ({@link ErrorCode#CONFIG}) naming the platform and {@code --shadow-database-url}
   */
  public static void requireAvailable(Optional<DatabaseUrl> shadowUrl) {
    if (shadowUrl.isEmpty()) {
      EmbeddedPlatform.unsupported().ifPresent(reason -> {
        throw new StrataException(ErrorCode.CONFIG, noEmbeddedShadow(reason));
      });
    }
  }

  private static String noEmbeddedShadow(String reason) {
    return reason + "\nThe migration history is replayed into a shadow database, which cannot be embedded here: pass"
        + " --shadow-database-url with an empty database of your own (or set datasource.shadowDatabaseUrl in prisma.config.ts).";
  }

  public static ShadowDatabases of(Optional<DatabaseUrl> shadowUrl) {
    return shadowUrl.<ShadowDatabases>map(ShadowDatabases::userProvided).orElseGet(Shadows::embedded);
  }

  static ShadowDatabases embedded() {
    return () -> {
      ShadowDatabase db;
      Optional<String> unsupported = EmbeddedPlatform.unsupported();
      if (unsupported.isPresent()) {
        throw new StrataException(ErrorCode.CONFIG, noEmbeddedShadow(unsupported.get()));
      }
      try {
        db = ShadowDatabase.create(LocalPostgres.shared());
      } catch (EmbeddedPostgresException e) {
        throw new StrataException(
            ErrorCode.DATABASE,
            "Could not start the embedded PostgreSQL for the shadow database: " + e.getMessage()
                + "\nPass --shadow-database-url to use an empty database of your own instead.",
            e);
      }
      Connection connection = db.connect();
      return new ShadowDatabases.Lease() {
        @Override
        public Connection connection() {
          return connection;
        }

        @Override
        public String description() {
          return "the embedded PostgreSQL " + LocalPostgres.shared().version();
        }

        @Override
        public Optional<DatabaseUrl> url() {
          return Optional.of(DatabaseUrl.parse(db.server().postgresUrl(db.name())));
        }

        @Override
        public void close() {
          try {
            connection.close();
          } catch (SQLException e) {
            // the database is dropped next, connections included
          }
          db.close();
        }
      };
    };
  }

}
