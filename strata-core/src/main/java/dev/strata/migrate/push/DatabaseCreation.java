package dev.strata.migrate.push;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import dev.strata.postgres.PgIdentifiers;
import dev.strata.postgres.exec.PgConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the database a URL names when it does not exist yet, as Prisma's {@code db push} and
 * {@code migrate dev} do (connecting to the server's {@code postgres} database to run {@code CREATE
 * DATABASE}).
 */
public final class DatabaseCreation {
  private static final String INVALID_CATALOG_NAME = "3D000";

  private DatabaseCreation() {}

  /**
   * Creates the database of {@code url} if connecting fails because it does not exist.
   *
   * @return whether it was created
   * @throws StrataException when the server is unreachable, or the database cannot be created (P3000)
   */
  public static boolean createIfMissing(DatabaseUrl url) {
    try (Connection ignored = PgConnections.open(url)) {
      return false;
    } catch (StrataException e) {
      if (!(e.getCause() instanceof SQLException s) || !INVALID_CATALOG_NAME.equals(s.getSQLState())) {
        throw e;
      }
    } catch (SQLException e) {
      return false;
    }
    String name = url.databaseOrDefault();
    try (Connection admin = PgConnections.open(url.withDatabase(DatabaseUrl.DEFAULT_DATABASE));
        Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + PgIdentifiers.quote(name));
      return true;
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "P3000: Failed to create database \"" + name + "\": " + e.getMessage(), e);
    }
  }
}
