package dev.strata.operation;

import dev.strata.DiffResult;
import dev.strata.ErrorCode;
import dev.strata.SchemaSource;
import dev.strata.ShadowDatabases;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.compare.Comparison;
import dev.strata.compare.SchemaResolver;
import dev.strata.migrate.push.SchemaPush;
import dev.strata.schema.DatabaseSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * {@code migrate diff} between any two sources (empty, a Prisma schema, a migrations folder replayed
 * into a shadow database, a database): the script Prisma would write, a summary, and the plan's
 * warnings. Nothing is written to a database.
 */
public final class DiffOperation {
  private final StrataConfig config;

  public DiffOperation(StrataConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * @throws dev.strata.InvalidSchemaException when a Prisma schema side has errors (with its diagnostics)
   * @throws StrataException ({@code CONFIG}) when a migrations side needs a shadow database and none is configured
   */
  public DiffResult diff(SchemaSource from, SchemaSource to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    SchemaResolver.Resolved resolved = new SchemaResolver(shadows(config)).resolve(from, to);
    Comparison comparison = Comparison.of(resolved.from(), resolved.to());
    return new DiffResult(comparison.isEmpty(), comparison.script(), comparison.summary(),
        comparison.plan().warnings(), comparison.plan().unexecutable());
  }

  /**
   * What the database on {@code connection} lacks compared with {@code target}: the SQL {@code db push}
   * would run, with the data-loss warnings judged on the rows present. Nothing is written.
   */
  public static DiffResult databaseToSchema(Connection connection, DatabaseSchema target) throws SQLException {
    SchemaPush.Preview preview = SchemaPush.preview(connection, target);
    return new DiffResult(preview.inSync(), preview.comparison().script(), preview.comparison().summary(),
        preview.dataLoss().warnings(), preview.dataLoss().unexecutable());
  }

  /** The configured shadow databases, else the user's shadow database URL, else none (asked for only when used). */
  static ShadowDatabases shadows(StrataConfig config) {
    return config.shadowDatabases()
        .or(() -> config.shadowDatabaseUrl().map(ShadowDatabases::userProvided))
        .orElseGet(() -> () -> {
          throw new StrataException(ErrorCode.CONFIG,
              "No shadow database is configured to replay the migrations into: call shadowDatabases(…) or shadowDatabaseUrl(…) on the builder.");
        });
  }
}
