package dev.strata.migrate.dev;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import dev.strata.postgres.PgIdentifiers;
import dev.strata.postgres.exec.SchemaReset;
import dev.strata.TableRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Prisma's reset of a development database: every schema the project uses is dropped with all it
 * holds and created again empty, and the history table goes with it. Before that, {@link #contents}
 * says what will be lost (tables with their row counts), so that nothing is dropped unannounced.
 */
public final class DatabaseReset {
  private DatabaseReset() {}

  /** The tables of {@code schemas} (the history table included), in name order, with their row counts. */
  public static List<TableRows> contents(Connection connection, List<String> schemas) {
    try {
      return SchemaReset.contents(connection, schemas);
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Could not list what the reset would drop: " + DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
    }
  }

  /**
   * Drops and recreates every schema in {@code schemas}, then drops the history table of {@code
   * historySchema} if it survived (it lives elsewhere), in one transaction.
   */
  public static void reset(Connection connection, List<String> schemas, String historySchema) {
    try {
      SchemaReset.recreate(connection, schemas,
          List.of("DROP TABLE IF EXISTS " + PgIdentifiers.quote(historySchema) + "._prisma_migrations"));
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "The reset failed (nothing was dropped): " + DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
    }
  }
}
