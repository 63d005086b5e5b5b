package dev.strata.cli.command.migrate;

import dev.strata.DiffResult;
import dev.strata.ErrorCode;
import dev.strata.InvalidSchemaException;
import dev.strata.Projects;
import dev.strata.SchemaSource;
import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Shadows;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import dev.strata.config.ProjectOptions;
import dev.strata.config.SchemaLocator;
import dev.strata.config.SchemaSources;
import dev.strata.diag.DiagnosticRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strata migrate diff}: the difference between two schema sources, as a summary or as the
 * SQL script Prisma would write. Flags and exit codes as Prisma 7's {@code migrate diff}.
 */
@Command(
    name = "diff",
    header = "Compare two schema sources; print a summary or the SQL between them.",
    description =
        "Compare two schema sources and print the difference: a summary, or with --script the SQL " +
        "that turns FROM into TO (byte-identical to Prisma's). Give exactly one --from-… and one " +
        "--to-…. --from-migrations/--to-migrations replay the history into a shadow database (the " +
        "embedded PostgreSQL unless --shadow-database-url is given). With --exit-code: 0 no " +
        "difference, 2 differences, 1 error.")
public final class MigrateDiffCommand extends BaseCommand {
  @Option(names = "--from-empty", description = "Start from an empty schema.") boolean fromEmpty;
  @Option(names = "--to-empty", description = "End at an empty schema.") boolean toEmpty;
  @Option(names = "--from-schema", paramLabel = "PATH", description = "A Prisma schema file or folder.") String fromSchema;
  @Option(names = "--to-schema", paramLabel = "PATH", description = "A Prisma schema file or folder.") String toSchema;
  @Option(names = "--from-migrations", paramLabel = "DIR", description = "A Prisma migrations folder, replayed into a shadow database.") String fromMigrations;
  @Option(names = "--to-migrations", paramLabel = "DIR", description = "A Prisma migrations folder, replayed into a shadow database.") String toMigrations;
  @Option(names = "--from-url", paramLabel = "URL", description = "A live database.") String fromUrl;
  @Option(names = "--to-url", paramLabel = "URL", description = "A live database.") String toUrl;
  @Option(names = "--from-config-datasource", description = "The database of the configuration (DATABASE_URL, prisma.config.ts, …).") boolean fromConfig;
  @Option(names = "--to-config-datasource", description = "The database of the configuration (DATABASE_URL, prisma.config.ts, …).") boolean toConfig;
  @Option(names = "--shadow-database-url", paramLabel = "URL", description = "An EMPTY database to replay migrations into (default: the embedded PostgreSQL).") String shadowUrl;
  @Option(names = "--config", paramLabel = "FILE", description = "Prisma config file (for --*-config-datasource).") String config;
  @Option(names = "--script", description = "Print the SQL script instead of a summary.") boolean script;
  @Option(names = "--exit-code", description = "Exit 0 when there is no difference, 2 when there is one, 1 on error.") boolean exitCode;
  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.") String outputFile;

  @Override
  protected int run() {
    Terminal term = terminal();
    CliContext ctx = context();
    SchemaSource from = source("--from", fromEmpty, fromSchema, fromMigrations, fromUrl, fromConfig);
    SchemaSource to = source("--to", toEmpty, toSchema, toMigrations, toUrl, toConfig);

    DiffResult comparison;
    try {
      Optional<DatabaseUrl> shadow = Optional.ofNullable(shadowUrl).map(DatabaseUrl::parse);
      Strata strata = Strata.of(Strata.configure().workingDirectory(ctx.workingDir()).shadowDatabases(Shadows.of(shadow)).build());
      comparison = strata.diff(from, to);
    } catch (InvalidSchemaException e) {
      if (!output.json()) {
        term.err().print(new DiagnosticRenderer(term.color()).render(e.diagnostics()));
      }
      throw new StrataException(ErrorCode.INVALID_INPUT, e.getMessage(), e);
    }

    // Byte for byte what Prisma's CLI emits: the engine's script (the empty-migration text ends
    // with a newline there), then one more newline in a file and two on standard output.
    String engineScript = comparison.script() + (comparison.empty() ? "\n" : "");
    String text = script ? engineScript + (outputFile != null ? "\n" : "\n\n") : comparison.summary();
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("from", from.describe());
      doc.put("to", to.describe());
      doc.put("empty", comparison.empty());
      doc.put("script", comparison.script());
      doc.put("summary", comparison.summary());
      doc.put("warnings", comparison.warnings());
      doc.put("unexecutable", comparison.unexecutable());
      text = Json.write(doc) + "\n";
    }
    if (outputFile != null) {
      Path target = ctx.resolve(outputFile);
      try {
        if (target.getParent() != null) {
          Files.createDirectories(target.getParent());
        }
        Files.writeString(target, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not write " + outputFile + ": " + e.getMessage(), e);
      }
    } else {
      term.out().print(text);
    }
    if (exitCode) {
      return comparison.empty() ? ExitCodes.OK : 2;
    }
    return ExitCodes.OK;
  }

  private SchemaSource source(String side, boolean empty, String schema, String migrations, String url, boolean configDatasource) {
    List<String> given = new ArrayList<>();
    if (empty) given.add(side + "-empty");
    if (schema != null) given.add(side + "-schema");
    if (migrations != null) given.add(side + "-migrations");
    if (url != null) given.add(side + "-url");
    if (configDatasource) given.add(side + "-config-datasource");
    if (given.size() != 1) {
      throw new StrataException(
          ErrorCode.USAGE,
          (given.isEmpty() ? "Missing " + side + "-…: " : "Give only one " + side + "-… (got " + String.join(", ", given) + "): ")
              + "use exactly one of " + side + "-empty, " + side + "-schema, " + side + "-migrations, " + side + "-url, "
              + side + "-config-datasource.");
    }
    CliContext ctx = context();
    if (empty) {
      return new SchemaSource.Empty();
    }
    if (schema != null) {
      SchemaSources sources = SchemaLocator.read(ctx.workingDir(), SchemaLocator.explicit(ctx.workingDir(), schema));
      return new SchemaSource.PrismaSchemaFiles(sources.sources(), ctx.display(sources.location().path()));
    }
    if (migrations != null) {
      Path dir = ctx.resolve(migrations);
      if (!Files.isDirectory(dir)) {
        throw new StrataException(ErrorCode.FILE_NOT_FOUND, "The migrations folder " + migrations + " does not exist.");
      }
      return new SchemaSource.Migrations(dir, ctx.display(dir));
    }
    if (url != null) {
      return new SchemaSource.Database(DatabaseUrl.parse(url), side + "-url");
    }
    ProjectOptions options = ProjectOptions.of(ctx.workingDir(), ctx.env());
    if (config != null) {
      options = options.withConfigFile(config);
    }
    ProjectConfig project = Projects.withSchemaDatasourceUrl(ProjectConfig.resolve(options));
    return new SchemaSource.Database(project.databaseUrl(), project.url().map(u -> u.origin()).orElse("config"));
  }
}
