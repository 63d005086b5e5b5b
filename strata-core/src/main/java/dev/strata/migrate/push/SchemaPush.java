package dev.strata.migrate.push;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.compare.Comparison;
import dev.strata.compare.PrismaVisibility;
import dev.strata.migrate.AppliedMigration;
import dev.strata.migrate.MigrationReplayer;
import dev.strata.postgres.exec.PgError;
import dev.strata.postgres.exec.SchemaReset;
import dev.strata.TableRows;
import dev.strata.postgres.inspect.InspectOptions;
import dev.strata.postgres.inspect.PgInspector;
import dev.strata.schema.DatabaseSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * {@code db push} on one connection: what the database lacks compared with a target schema
 * ({@link #preview}), applying it ({@link #apply}), and, for {@code --force-reset}, what a reset
 * would destroy ({@link #contents}) and the reset itself ({@link #reset}).
 *
 * <p>Only the namespaces of the target are read (its {@code schemas = [...]}, else the default
 * schema), as Prisma does; {@code _prisma_migrations} is never touched. The statements run as one
 * migration does ({@link MigrationReplayer}): in one transaction, except those PostgreSQL refuses
 * inside a transaction block, so a failed push leaves the database as it was whenever it can.
 */
public final class SchemaPush {
  /** The name under which a push's statements appear in failure reports. */
  public static final String NAME = "db push";

  private SchemaPush() {}

  /**
   * What pushing {@code target} would change.
   *
   * @param database the database as introspected
   * @param comparison database → target
   * @param dataLoss the comparison weighed against the rows present
   */
  public record Preview(DatabaseSchema database, Comparison comparison, DataLoss dataLoss) {
    public Preview {
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(comparison, "comparison");
      Objects.requireNonNull(dataLoss, "dataLoss");
    }

    /** Whether the database already matches the target. */
    public boolean inSync() {
      return comparison.isEmpty();
    }
  }

  /**
   * Introspects the target's namespaces and diffs them against {@code target}.
   *
   * @throws StrataException ({@code DATABASE}) when the database cannot be read
   */
  public static Preview preview(Connection connection, DatabaseSchema target) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(target, "target");
    try {
      DatabaseSchema database = PrismaVisibility.asSeenFor(PgInspector.inspect(connection, inspectOptions(target)), target);
      Comparison comparison = Comparison.of(database, target);
      DataLoss loss = comparison.isEmpty() ? DataLoss.none() : DataLossCheck.evaluate(connection, comparison);
      return new Preview(database, comparison, loss);
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Reading the database failed: " + PgError.of(e).describe(), e);
    }
  }

  /**
   * Applies the statements of a comparison.
   *
   * @throws dev.strata.migrate.MigrationFailedException when a statement fails (the transaction is rolled back)
   */
  public static AppliedMigration apply(Connection connection, Comparison comparison) {
    return MigrationReplayer.on(connection).apply(NAME, Path.of(NAME), comparison.script());
  }

  /** The namespaces a push of {@code target} works in (and a reset empties). */
  public static List<String> namespaces(DatabaseSchema target) {
    return target.explicitSchemas().isEmpty()
        ? List.of(target.defaultSchema())
        : target.explicitSchemas().stream().sorted().toList();
  }

  /** The tables in {@code schemas} and their row counts (exact, by {@code count(*)}), by schema and name. */
  public static List<TableRows> contents(Connection connection, List<String> schemas) {
    try {
      return SchemaReset.contents(connection, schemas);
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Reading the database failed: " + PgError.of(e).describe(), e);
    }
  }

  /**
   * Drops each of {@code schemas} with everything in it and creates it again empty, in one
   * transaction (Prisma's reset: {@code DROP SCHEMA … CASCADE; CREATE SCHEMA …}).
   */
  public static void reset(Connection connection, List<String> schemas) {
    try {
      SchemaReset.recreate(connection, schemas, List.of());
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Resetting the database failed: " + PgError.of(e).describe(), e);
    }
  }

  private static InspectOptions inspectOptions(DatabaseSchema target) {
    InspectOptions options = target.explicitSchemas().isEmpty()
        ? InspectOptions.defaults()
        : InspectOptions.multiSchema(target.explicitSchemas().stream().sorted().toList());
    return options.withDefaultSchema(target.defaultSchema());
  }
}
