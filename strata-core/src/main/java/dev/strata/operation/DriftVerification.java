package dev.strata.operation;

import dev.strata.DriftCheck;
import dev.strata.ShadowDatabases;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.compare.Comparison;
import dev.strata.config.DatabaseUrl;
import dev.strata.migrate.MigrationReplayer;
import dev.strata.migrate.MigrationsDirectory;
import dev.strata.postgres.inspect.InspectOptions;
import dev.strata.postgres.inspect.PgInspector;
import dev.strata.schema.DatabaseSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The guarded deploy's last step: replays the whole migration history into a shadow database and
 * compares the schema it gives (the default schema, as introspection reads it) with the database
 * just deployed, with the differ of {@code migrate diff}. Skipped, with the reason, when no shadow
 * database is configured or it cannot be used; a deploy never fails because of this check.
 */
final class DriftVerification {
  private final StrataConfig config;
  private final Supplier<Connection> connections;

  DriftVerification(StrataConfig config, Supplier<Connection> connections) {
    this.config = config;
    this.connections = connections;
  }

  DriftCheck check(MigrationsDirectory directory) {
    Optional<ShadowDatabases> shadows = config.shadowDatabases()
        .or(() -> config.shadowDatabaseUrl().map(ShadowDatabases::userProvided));
    if (shadows.isEmpty()) {
      return DriftCheck.skipped("no shadow database is configured to replay the history into");
    }
    InspectOptions options = InspectOptions.defaults().withDefaultSchema(config.defaultSchema());
    DatabaseSchema history;
    try (ShadowDatabases.Lease shadow = shadows.get().open()) {
      useSchema(shadow.connection());
      MigrationReplayer.on(shadow.connection()).replay(directory.folders());
      history = PgInspector.inspect(shadow.connection(), options);
    } catch (StrataException | SQLException e) {
      return DriftCheck.skipped("the history could not be replayed into the shadow database: " + DatabaseUrl.mask(String.valueOf(e.getMessage())));
    }
    DatabaseSchema live;
    try (Connection connection = connections.get()) {
      live = PgInspector.inspect(connection, options);
    } catch (StrataException | SQLException e) {
      return DriftCheck.skipped("the database could not be read: " + DatabaseUrl.mask(String.valueOf(e.getMessage())));
    }
    Comparison comparison = Comparison.of(history, live);
    return comparison.isEmpty() ? DriftCheck.matches() : DriftCheck.differs(comparison.summary(), comparison.script());
  }

  /** Unqualified names of the migrations land in the database's schema; on the shadow too, so both sides compare under the same names. */
  private void useSchema(Connection shadow) throws SQLException {
    if (config.defaultSchema().equals("public")) {
      return;
    }
    try (Statement statement = shadow.createStatement()) {
      String quoted = "\"" + config.defaultSchema().replace("\"", "\"\"") + "\"";
      statement.execute("CREATE SCHEMA IF NOT EXISTS " + quoted);
      statement.execute("SET search_path TO " + quoted);
    }
  }
}
