package dev.strata.cli.command.migrate;

import dev.strata.ColdStart;
import dev.strata.ErrorCode;
import dev.strata.Projects;
import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.StrataListener;
import dev.strata.cli.CliContext;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.DevDatabase;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code migrate deploy | status | resolve} run works on: the project as resolved, the
 * database URL (flags, config, the schema's datasource {@code url}, {@code DATABASE_URL}; for
 * {@code status}, which only reads, else the running Strata dev database), the migrations
 * directory's path to show the user, the name of the schema's datasource block ({@code db} when
 * there is no schema to read it from), and whether the URL names its port (Prisma shows the
 * server as {@code host:port} then, else as {@code host}). The operations read the directory.
 */
record MigrateTarget(ProjectConfig project, DatabaseUrl url, String shownDirectory, List<String> warnings, String datasourceName,
    boolean portGiven) {
  /**
   * Resolves the target; the command will open {@code connections} connections to its database,
   * which start opening in the background while the operation reads the migrations directory.
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

  /**
   * The {@link Strata} the command drives, on this target's project and URL. Built without the
   * CLI's shadow databases ({@code CommandStrata}): these operations replay nothing, and a cold
   * {@code deploy} or {@code status} loads no class it does not use.
   */
  Strata strata(StrataListener listener) {
    return Strata.of(Strata.configure().project(project).url(url).listener(listener).build());
  }

  /**
   * As {@link #strata}, with the CLI's shadow databases for {@code deploy}'s drift check, resolved
   * only when the check opens one (a deploy with nothing to apply loads none of it).
   */
  Strata strataWithShadows(StrataListener listener) {
    return Strata.of(Strata.configure().project(project).url(url).listener(listener)
        .shadowDatabases(() -> dev.strata.cli.Shadows.of(project.shadowDatabaseUrl()).open()).build());
  }

  private static MigrateTarget resolve(CliContext ctx, SchemaOptions schema, ConnectionOptions connection, MigrationsOption migrations,
      int connections, boolean devSide) {
    ProjectConfig config = SchemaInput.project(ctx, schema, connection,
        migrations == null ? Optional.empty() : migrations.migrations());
    ProjectConfig resolved = config;
    boolean urlGiven = connection != null && connection.url().isPresent();
    String datasourceName = Projects.DEFAULT_DATASOURCE_NAME;
    if (config.schema().isPresent() && !urlGiven) {
      // Prisma 6 projects name the URL in the schema (url = env("…")); it decides which variable is
      // read. An explicit --url wins over it.
      Optional<Projects.SchemaDatasource> datasource = Projects.datasource(config);
      datasourceName = datasource.map(Projects.SchemaDatasource::name).orElse(Projects.DEFAULT_DATASOURCE_NAME);
      resolved = datasource.flatMap(Projects.SchemaDatasource::urlReference).map(config::withSchemaDatasourceUrl).orElse(config);
    } else if (config.schema().isPresent()) {
      // Only for the name on the "Datasource" line (the connections are already opening): a schema
      // that cannot be read does not matter to a command given its URL.
      try {
        datasourceName = Projects.datasource(config).map(Projects.SchemaDatasource::name).orElse(Projects.DEFAULT_DATASOURCE_NAME);
      } catch (StrataException e) {
        datasourceName = Projects.DEFAULT_DATASOURCE_NAME;
      }
    }
    Path dir = resolved.migrationsDir();
    String shown = ctx.display(dir);
    // A folder named on the command line must exist: a typo there would otherwise read as an
    // empty history. The default location may be missing, as in Prisma (no migrations yet).
    if (migrations != null && migrations.migrations().isPresent() && !Files.isDirectory(dir)) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "The migrations folder " + migrations.migrations().get() + " does not exist.");
    }
    DatabaseUrl url = devSide ? DevDatabase.url(ctx, resolved) : DevDatabase.productionUrl(resolved);
    ColdStart.openConnectionsAhead(url, connections);
    boolean portGiven = resolved.url().map(configured -> MigrateText.namesPort(configured.value())).orElse(true);
    return new MigrateTarget(resolved, url, shown.isEmpty() ? "." : shown, resolved.warnings(), datasourceName, portGiven);
  }
}
