package dev.strata.cli;

import dev.strata.Projects;
import dev.strata.config.ProjectConfig;
import dev.strata.config.ProjectOptions;
import java.util.Optional;

/**
 * The project a command works on: its flags ({@code --schema}, {@code --config}, {@code --url},
 * {@code --migrations}) over the working directory and environment, resolved the way Prisma does.
 */
public final class SchemaInput {
  private SchemaInput() {}

  /** The project configuration for this run: working directory, environment, and the flags given. */
  public static ProjectConfig project(CliContext ctx, SchemaOptions schema, ConnectionOptions connection) {
    return project(ctx, schema, connection, Optional.empty());
  }

  /** As {@link #project(CliContext, SchemaOptions, ConnectionOptions)}, with a {@code --migrations} directory when given. */
  public static ProjectConfig project(CliContext ctx, SchemaOptions schema, ConnectionOptions connection, Optional<String> migrations) {
    ProjectOptions options = ProjectOptions.of(ctx.workingDir(), ctx.env());
    if (migrations.isPresent()) {
      options = options.withMigrations(migrations.get());
    }
    if (schema != null && schema.config().isPresent()) {
      options = options.withConfigFile(schema.config().get());
    }
    if (schema != null && schema.schema().isPresent()) {
      options = options.withSchema(schema.schema().get());
    }
    if (connection != null && connection.url().isPresent()) {
      options = options.withUrl(connection.url().get());
    }
    return ProjectConfig.resolve(options);
  }

  /**
   * The configuration with the schema datasource's {@code url = env("X")} (Prisma 6 style) taken
   * into account, when there is a readable schema; unchanged otherwise (see {@link
   * Projects#withSchemaDatasourceUrl}).
   */
  public static ProjectConfig withSchemaUrl(CliContext ctx, ProjectConfig config) {
    return Projects.withSchemaDatasourceUrl(config);
  }
}
