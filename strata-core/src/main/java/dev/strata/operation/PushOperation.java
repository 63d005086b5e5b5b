package dev.strata.operation;

import dev.strata.Consent;
import dev.strata.ErrorCode;
import dev.strata.PushPreview;
import dev.strata.PushResult;
import dev.strata.StrataConfig;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.compare.Comparison;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.SchemaSources;
import dev.strata.migrate.AppliedMigration;
import dev.strata.migrate.MigrationFailedException;
import dev.strata.migrate.MigrationFailure;
import dev.strata.migrate.push.DatabaseCreation;
import dev.strata.migrate.push.SchemaPush;
import dev.strata.TableRows;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * {@code db push} in two phases: {@link #preview} (the statements, the data-loss warnings, what a
 * {@code --force-reset} drops) and {@link #push} (refuses without the consent the preview calls
 * for, or when the database changed since the preview).
 */
public final class PushOperation {
  private final StrataConfig config;

  public PushOperation(StrataConfig config) {
    this.config = config;
  }

  /**
   * What pushing the configured schema would do. Emits {@link StrataEvent.SchemaLoaded} once the
   * schema is read and valid, and {@link StrataEvent.DatabaseCreated} when the database of the URL
   * did not exist and was created.
   *
   * @throws dev.strata.InvalidSchemaException when the schema has errors
   */
  public PushPreview preview(boolean reset) {
    DatabaseSchema target = target(true);
    if (config.dataSource().isEmpty() && config.url().isPresent()) {
      DatabaseUrl url = config.url().get();
      if (DatabaseCreation.createIfMissing(url)) {
        DbSupport.emit(config, new StrataEvent.DatabaseCreated(url.databaseOrDefault(), url.host() + ":" + url.port()));
      }
    }
    try (Connection connection = DbSupport.connection(config)) {
      return preview(connection, target, reset);
    } catch (SQLException e) {
      throw DbSupport.closing(config, e);
    }
  }

  /**
   * Runs what {@code shown} previewed.
   *
   * @throws StrataException ({@code INVALID_INPUT}, nothing changed) without the consent the
   *     preview calls for ({@code dropData} for a reset that drops tables, {@code acceptDataLoss}
   *     for warnings), for steps that cannot run on the rows present, or when the database or the
   *     schema changed since the preview; ({@code DATABASE}) when a statement fails
   */
  public PushResult push(PushPreview shown, Consent consent) {
    long started = System.nanoTime();
    if (!shown.dropped().isEmpty() && !consent.dropData()) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "The reset would drop " + shown.dropped().size() + " table"
          + (shown.dropped().size() == 1 ? "" : "s") + " with their rows; nothing was changed (Consent.reset() allows it):\n  • "
          + String.join("\n  • ", shown.dropped().stream().map(t -> t.displayName() + " (" + t.rows() + (t.rows() == 1 ? " row)" : " rows)")).toList()));
    }
    if (!shown.unexecutable().isEmpty()) {
      throw new StrataException(ErrorCode.INVALID_INPUT,
          "The push cannot be executed on the rows in the database; nothing was changed:\n  • " + String.join("\n  • ", shown.unexecutable()));
    }
    if (!shown.warnings().isEmpty() && !consent.acceptDataLoss()) {
      throw new StrataException(ErrorCode.INVALID_INPUT,
          "The push would lose data; nothing was changed (pushSchema(true) or Consent.dataLoss() accepts it):\n  • "
              + String.join("\n  • ", shown.warnings()));
    }
    DatabaseSchema target = target(false);
    try (Connection connection = DbSupport.connection(config)) {
      PushPreview now = preview(connection, target, shown.reset());
      if (!now.equals(shown)) {
        throw new StrataException(ErrorCode.INVALID_INPUT, "The database or the schema changed since the push was previewed;"
            + " nothing was changed. Preview it again.");
      }
      if (shown.reset()) {
        SchemaPush.reset(connection, shown.schemas());
        emitReset(shown.schemas());
      }
      SchemaPush.Preview plan = SchemaPush.preview(connection, target);
      if (plan.inSync()) {
        return new PushResult(false, 0, List.of(), elapsed(started));
      }
      AppliedMigration applied = apply(connection, plan.comparison());
      return new PushResult(true, applied.statements(), shown.warnings(), elapsed(started));
    } catch (SQLException e) {
      throw DbSupport.closing(config, e);
    }
  }

  private void emitReset(List<String> schemas) {
    String name = config.url().map(DatabaseUrl::databaseOrDefault).orElse(DbSupport.database(config));
    String at = config.url().map(u -> u.host() + ":" + u.port()).orElse("");
    DbSupport.emit(config, new StrataEvent.SchemaReset(name, schemas, at));
  }

  private PushPreview preview(Connection connection, DatabaseSchema target, boolean reset) {
    String database = DbSupport.database(config);
    if (reset) {
      List<String> namespaces = SchemaPush.namespaces(target);
      List<TableRows> dropped = SchemaPush.contents(connection, namespaces);
      String script = Comparison.of(DatabaseSchema.empty(target.defaultSchema()), target).script();
      return new PushPreview(database, true, namespaces, dropped, false, script, List.of(), List.of());
    }
    SchemaPush.Preview preview = SchemaPush.preview(connection, target);
    return new PushPreview(database, false, SchemaPush.namespaces(target), List.of(), preview.inSync(),
        preview.comparison().script(), preview.dataLoss().warnings(), preview.dataLoss().unexecutable());
  }

  private DatabaseSchema target(boolean announce) {
    SchemaSources sources = DbSupport.readSchema(config);
    PrismaFrontEnd.Checked checked = DbSupport.checkedSchema(config, sources);
    if (announce) {
      DbSupport.emit(config, new StrataEvent.SchemaLoaded(sources.location().path().toString()));
    }
    return PrismaLowering.lower(checked.schema(), config.defaultSchema());
  }

  private static AppliedMigration apply(Connection connection, Comparison comparison) {
    try {
      return SchemaPush.apply(connection, comparison);
    } catch (MigrationFailedException e) {
      MigrationFailure f = e.failure();
      throw new StrataException(ErrorCode.DATABASE,
          "db push failed in the statement: " + f.statement().text().strip() + "\nDatabase error"
              + (f.sqlState().isEmpty() ? "" : " [" + f.sqlState() + "]") + ": " + f.databaseMessage() + "\n"
              + (f.earlierStatementsCommitted()
                  ? "Statements that had to run outside the transaction before it remain applied."
                  : "Nothing was applied: the push's transaction was rolled back."),
          StrataException.Details.none().withSqlState(f.sqlState()), e);
    }
  }

  private static Duration elapsed(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
