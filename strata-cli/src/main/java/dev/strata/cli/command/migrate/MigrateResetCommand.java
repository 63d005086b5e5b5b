package dev.strata.cli.command.migrate;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.DevDatabase;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.TerminalConsole;
import dev.strata.cli.command.db.DbSeedCommand;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import dev.strata.config.SchemaLocator;
import dev.strata.migrate.MigrationRunner;
import dev.strata.migrate.MigrateCodes;
import dev.strata.migrate.MigrationsDirectory;
import dev.strata.migrate.dev.DatabaseReset;
import dev.strata.migrate.run.DeployListener;
import dev.strata.migrate.run.DeployResult;
import dev.strata.postgres.exec.PgConnections;
import dev.strata.postgres.exec.TableRows;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata migrate reset}: drops the project's schemas and re-applies every migration, after saying what goes. */
@Command(
    name = "reset",
    header = "Drop the schema and the migration history, then apply every migration again.",
    description =
        "Drop everything in the database's schema(s) (the URL's schema, or the Prisma schema's " +
        "`schemas`) and the migration history, then apply every migration again. Lists the tables and" +
        " row counts it drops and asks for confirmation (or --force); in a non-interactive shell " +
        "without --force nothing is dropped and the exit code is 1.")
public final class MigrateResetCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;

  @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation (ALL DATA IS LOST).")
  boolean force;

  @Option(names = "--skip-seed", description = "Do not run the seed after the reset.")
  boolean skipSeed;

  @Override
  protected int run() {
    Terminal term = terminal();
    CliContext ctx = context();
    ProjectConfig config = SchemaInput.withSchemaUrl(ctx, SchemaInput.project(ctx, schemaOptions, connectionOptions));
    DatabaseUrl url = DevDatabase.url(ctx, config);
    List<String> schemas = schemas(ctx, config, url);
    TerminalConsole console = new TerminalConsole(ctx, term, output.json());
    MigrationsDirectory directory = MigrationsDirectory.read(config.migrationsDir());
    // A file the deploy after the reset would refuse: refused before anything is dropped.
    List<String> notUtf8 = directory.allProblems().stream()
        .filter(d -> d.isError() && d.code().equals(MigrateCodes.NOT_UTF8)).map(d -> d.message()).toList();
    if (!notUtf8.isEmpty()) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "Nothing was reset: the migrations could not be applied again:\n- "
          + String.join("\n- ", notUtf8));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    try (Connection connection = PgConnections.open(url)) {
      List<TableRows> doomed = DatabaseReset.contents(connection, schemas);
      console.say("Resetting the " + String.join(", ", schemas.stream().map(s -> "\"" + s + "\"").toList()) + " schema"
          + (schemas.size() > 1 ? "s" : "") + " at " + url.masked());
      if (doomed.isEmpty()) {
        console.say("It holds no tables.");
      } else {
        console.say("This drops:");
        doomed.forEach(t -> console.say("  - " + t.describe(url.schema())));
      }
      doc.put("dropped", doomed.stream().map(t -> Map.of("schema", t.schema(), "table", t.table(), "rows", t.rows())).toList());
      if (!force && !(ctx.interactive() && console.confirm("Are you sure you want to reset your database? All data will be lost."))) {
        String why = ctx.interactive() ? "Reset cancelled: nothing was dropped."
            : "Nothing was dropped: this shell is non-interactive. Run again with --force to reset.";
        if (output.json()) {
          doc.put("ok", false);
          doc.put("refusal", why);
          term.out().print(Json.write(doc) + "\n");
        } else {
          term.err().println(term.red("Error: ") + why);
        }
        return ExitCodes.ERROR;
      }
      DatabaseReset.reset(connection, schemas, url.schema());
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Closing the connection to " + url.masked() + " failed: " + e.getMessage(), e);
    }
    console.say("Database reset successful");
    DeployResult result = MigrationRunner.of(url, directory).withListener(new DeployListener() {
      @Override
      public void applying(String name) {
        console.say("Applying migration `" + name + "`");
      }
    }).deploy();
    if (result.failure().isPresent()) {
      throw new StrataException(ErrorCode.DATABASE, "P3018: A migration failed to apply.\n\n" + result.failure().get().message(),
          result.failure().get().details("P3018"));
    }
    if (!result.applied().isEmpty()) {
      console.say("");
      console.say("The following migration(s) have been applied:");
      result.applied().forEach(m -> console.say("  " + m.name()));
    }
    Optional<Map<String, Object>> seeded = skipSeed ? Optional.empty() : DbSeedCommand.afterReset(term, ctx, config, url,
        DevDatabase.find(config).map(d -> DbSeedCommand.urlText(config, d)).orElse(""), output.json());
    if (output.json()) {
      doc.put("ok", true);
      doc.put("applied", result.applied().stream().map(m -> m.name()).toList());
      doc.put("seed", seeded.orElse(null));
      term.out().print(Json.write(doc) + "\n");
    }
    return ExitCodes.OK;
  }

  /** The schemas Prisma resets: the Prisma schema's {@code schemas = [...]}, else the URL's schema. */
  private static List<String> schemas(CliContext ctx, ProjectConfig config, DatabaseUrl url) {
    Optional<DatabaseSchema> lowered = config.schema().flatMap(location -> {
      try {
        PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(SchemaLocator.read(ctx.workingDir(), location).sources());
        return checked.hasErrors() ? Optional.empty() : Optional.of(PrismaLowering.lower(checked.schema(), url.schema()));
      } catch (StrataException e) {
        return Optional.empty();
      }
    });
    return lowered.filter(s -> !s.explicitSchemas().isEmpty()).map(s -> s.explicitSchemas().stream().sorted().toList())
        .orElse(List.of(url.schema()));
  }

}
