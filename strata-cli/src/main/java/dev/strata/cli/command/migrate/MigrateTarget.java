package dev.strata.cli.command.migrate;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.cli.CliContext;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.DevDatabase;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import dev.strata.migrate.MigrationsDirectory;
import dev.strata.postgres.exec.PrefetchedConnections;
import dev.strata.prisma.PrismaFrontEnd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code migrate deploy | status | resolve} run works on: the database URL (flags, config,
 * the schema's datasource {@code url}, {@code DATABASE_URL}; for {@code status}, which only reads,
 * else the running Strata dev database) and the migrations directory as read, with the path to
 * show the user.
 */
record MigrateTarget(DatabaseUrl url, MigrationsDirectory directory, String shownDirectory, List<String> warnings) {

  /**
   * Resolves the target; the command will open {@code connections} connections to its database,
   * which start opening in the background while the migrations directory is read.
   */
  static MigrateTarget resolve(CliContext ctx, SchemaOptions schema, ConnectionOptions connection, MigrationsOption migrations,
      int connections) {
    return resolve(ctx, schema, connection, migrations, connections, false);
  }

  /**
   * As {@link #resolve(CliContext, SchemaOptions, ConnectionOptions, MigrationsOption, int)} for a
   * dev-side command that only reads ({@code migrate status}): without a configured URL it uses the
   * running Strata dev database, and says so on standard error.
   */
  static MigrateTarget resolveDevSide(CliContext ctx, SchemaOptions schema, ConnectionOptions connection, MigrationsOption migrations,
      int connections) {
    return resolve(ctx, schema, connection, migrations, connections, true);
  }

  private static MigrateTarget resolve(CliContext ctx, SchemaOptions schema, ConnectionOptions connection, MigrationsOption migrations,
      int connections, boolean devSide) {
    ProjectConfig config = SchemaInput.project(ctx, schema, connection,
        migrations == null ? Optional.empty() : migrations.migrations());
    ProjectConfig resolved = config;
    boolean urlGiven = connection != null && connection.url().isPresent();
    if (config.schema().isPresent() && !urlGiven) {
      // Prisma 6 projects name the URL in the schema (url = env("…")); it decides which variable is
      // read. An explicit --url wins over it, so then the schema is not even parsed.
      Optional<String> reference = PrismaFrontEnd.datasourceUrlReference(PrismaFrontEnd.parse(config.readSchema().sources()).schema());
      resolved = reference.map(config::withSchemaDatasourceUrl).orElse(config);
    }
    Path dir = resolved.migrationsDir();
    String shown = ctx.display(dir);
    // A folder named on the command line must exist: a typo there would otherwise read as an
    // empty history. The default location may be missing, as in Prisma (no migrations yet).
    if (migrations != null && migrations.migrations().isPresent() && !Files.isDirectory(dir)) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "The migrations folder " + migrations.migrations().get() + " does not exist.");
    }
    DatabaseUrl url = devSide ? DevDatabase.url(ctx, resolved) : DevDatabase.productionUrl(resolved);
    PrefetchedConnections.start(url, connections);
    return new MigrateTarget(url, MigrationsDirectory.read(dir), shown.isEmpty() ? "." : shown, resolved.warnings());
  }
}
