package dev.strata.cli;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.config.ProjectConfig;
import dev.strata.config.ProjectOptions;
import dev.strata.config.SchemaLocator;
import dev.strata.config.SchemaSources;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.PrismaFrontEnd;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The schema a command works on: located the way Prisma does ({@code --schema}, the config file's
 * {@code schema}, default locations) and read safely.
 */
public record SchemaInput(ProjectConfig config, SchemaSources sources, String location) {

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
   * into account, when there is a readable schema; unchanged otherwise.
   */
  public static ProjectConfig withSchemaUrl(CliContext ctx, ProjectConfig config) {
    Optional<String> ref =
        config.schema().flatMap(location -> {
          try {
            return PrismaFrontEnd.datasourceUrlReference(
                PrismaFrontEnd.parse(SchemaLocator.read(ctx.workingDir(), location).sources()).schema());
          } catch (StrataException e) {
            return Optional.empty();
          }
        });
    return ref.map(config::withSchemaDatasourceUrl).orElse(config);
  }

  public static SchemaInput load(CliContext ctx, SchemaOptions options) {
    ProjectConfig config = project(ctx, options, null);
    SchemaSources sources = config.readSchema();
    String shown = ctx.display(sources.location().path());
    return new SchemaInput(config, sources, shown.isEmpty() ? "." : shown);
  }

  public List<SourceFile> files() {
    return sources.sources();
  }

  /** The file on disk behind a source (to write formatted text back). */
  public Path pathOf(SourceFile file) {
    int index = sources.sources().indexOf(file);
    if (index < 0) {
      throw new StrataException(ErrorCode.INTERNAL, "unknown schema file " + file.path());
    }
    return sources.files().get(index);
  }
}
