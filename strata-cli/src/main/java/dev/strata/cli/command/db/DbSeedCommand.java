package dev.strata.cli.command.db;

import dev.strata.ErrorCode;
import dev.strata.SeedOptions;
import dev.strata.SeedOutcome;
import dev.strata.SeedResult;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.CommandStrata;
import dev.strata.cli.DevDatabase;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import dev.strata.config.SchemaLocation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code strata db seed}: runs the project's seed, as Prisma's {@code db seed}: the command of
 * {@code migrations.seed} in {@code prisma.config.ts} (or, Prisma 6, {@code "prisma": {"seed"}} in
 * {@code package.json}) as a shell command with {@code DATABASE_URL} set and the arguments after
 * {@code --} appended; without one, {@code prisma/seed.sql} is run like {@code db execute}.
 */
@Command(
    name = "seed",
    header = "Seed the database (the configured seed command, or prisma/seed.sql).",
    description =
        "Seed the database: run the seed command of prisma.config.ts (migrations.seed) or " +
        "package.json (\"prisma\": {\"seed\": …}) with DATABASE_URL set; arguments after -- are " +
        "appended. Without one, run prisma/seed.sql (beside the schema) like db execute. The " +
        "database: the configuration, else the running Strata dev database.")
public final class DbSeedCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;

  @Parameters(paramLabel = "ARGS", description = "Arguments for the seed command (after --).")
  List<String> extra = new ArrayList<>();

  @Override
  protected int run() throws IOException, InterruptedException {
    Terminal term = terminal();
    CliContext ctx = context();
    ProjectConfig config = SchemaInput.withSchemaUrl(ctx, SchemaInput.project(ctx, schemaOptions, null));
    Optional<String> command = seedCommand(ctx, config);
    if (command.isPresent()) {
      return runCommand(term, ctx, config, command.get());
    }
    Path seedSql = seedSql(config);
    if (Files.isRegularFile(seedSql)) {
      return runSql(term, ctx, config, seedSql);
    }
    String message = "No seed command configured, and there is no " + ctx.display(seedSql) + ".\n"
        + "To seed your database, add a seed command to the migrations section of prisma.config.ts:\n"
        + "  export default defineConfig({ migrations: { seed: \"tsx prisma/seed.ts\" }, … })\n"
        + "or write the seed as SQL in " + ctx.display(seedSql) + ".";
    if (output.json()) {
      term.out().println(Json.write(Json.object("ok", true, "seeded", false, "message", message)));
    } else {
      term.err().println(term.yellow("⚠️") + " " + message);
    }
    return ExitCodes.OK;
  }

  private int runCommand(Terminal term, CliContext ctx, ProjectConfig config, String command) {
    StringBuilder line = new StringBuilder(command);
    for (String arg : extra) {
      line.append(' ').append(shellQuote(arg));
    }
    Optional<DevDatabase.Resolved> database = DevDatabase.find(config);
    database.flatMap(DevDatabase.Resolved::note).ifPresent(note -> term.err().println(note));
    runCommand(term, ctx, config, line.toString(), database.map(d -> urlText(config, d)), output.json());
    if (output.json()) {
      term.out().println(Json.write(Json.object("ok", true, "seeded", true, "command", line.toString())));
    } else {
      term.out().println();
      term.out().println("🌱  The seed command has been executed.");
    }
    return ExitCodes.OK;
  }

  /**
   * Runs a seed command line in the working directory with {@code DATABASE_URL} set (when known);
   * its output goes to standard output, or to standard error when stdout carries JSON.
   */
  private static void runCommand(Terminal term, CliContext ctx, ProjectConfig config, String line, Optional<String> databaseUrl, boolean json) {
    if (!json) {
      term.out().println("Running seed command `" + line + "` ...");
      term.out().flush();
    }
    SeedResult result = CommandStrata.offline(config, event -> { })
        .seed(line, ctx.env(), databaseUrl, ctx.interactive(), json ? term.err() : term.out(), term.err());
    if (!result.succeeded()) {
      throw new StrataException(ErrorCode.CONFIG, "The seed command `" + line + "` failed with exit code " + result.exitCode() + ".");
    }
  }

  /** The URL for the seed process, as the user configured it (never the masked form), or the dev server's. */
  public static String urlText(ProjectConfig config, DevDatabase.Resolved resolved) {
    if (!resolved.devServer() && config.url().isPresent()) {
      return config.url().get().value();
    }
    return DevDatabase.running(DevDatabase.projectRoot(config)).map(DevDatabase.State::urlText).orElse("");
  }

  private int runSql(Terminal term, CliContext ctx, ProjectConfig config, Path seedSql) {
    String shown = ctx.display(seedSql);
    DatabaseUrl url = DevDatabase.url(ctx, config);
    int statements = runSql(term, ctx, config, url, seedSql, output.json());
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("seeded", true);
      doc.put("script", shown);
      doc.put("statements", statements);
      term.out().println(Json.write(doc));
    } else {
      term.out().println();
      term.out().println("🌱  The seed script has been executed (" + dev.strata.diag.Plural.of(statements, "statement") + ").");
    }
    return ExitCodes.OK;
  }

  private static int runSql(Terminal term, CliContext ctx, ProjectConfig config, DatabaseUrl url, Path seedSql, boolean json) {
    String shown = ctx.display(seedSql);
    if (!json) {
      term.out().println("Running seed script " + shown + " ...");
      term.out().flush();
    }
    String script = DbExecuteCommand.readFile(seedSql, shown);
    return CommandStrata.of(config, url, event -> { }).execute(shown, script).statements();
  }

  /**
   * How a reset ({@code migrate reset}, the reset inside {@code migrate dev}) seeds, as {@code db
   * seed} with no extra arguments: the seed's output on standard output (standard error when
   * stdout carries JSON), {@code DATABASE_URL} as the user configured it (or the dev server's).
   */
  public static SeedOptions afterReset(Terminal term, CliContext ctx, ProjectConfig config, boolean skip, boolean json) {
    if (skip) {
      return SeedOptions.none();
    }
    return SeedOptions.to(json ? term.err() : term.out(), term.err()).withEnvironment(ctx.env())
        .withDatabaseUrl(Optional.of(DevDatabase.find(config).map(d -> urlText(config, d)).orElse("")))
        .withInheritInput(ctx.interactive());
  }

  /** Says that the seed after a reset starts ({@link StrataEvent.Seeding}). */
  public static void seeding(Terminal term, StrataEvent.Seeding event, boolean json) {
    PrintWriter say = json ? term.err() : term.out();
    say.println();
    // A seed command's line is not repeated under --json (its own output is on standard error); a script's is.
    if (!json || event.command().isEmpty()) {
      say.println(event.message());
      say.flush();
    }
  }

  /** Says that the seed after a reset ran; what ran, for the JSON document ({@code "command"}, or {@code "script"} and {@code "statements"}). */
  public static Optional<Map<String, Object>> seeded(Terminal term, Optional<SeedOutcome> seed, boolean json) {
    if (seed.isEmpty()) {
      return Optional.empty();
    }
    PrintWriter say = json ? term.err() : term.out();
    say.println();
    SeedOutcome done = seed.get();
    if (done.command().isPresent()) {
      say.println("🌱  The seed command has been executed.");
      return Optional.of(Json.object("command", done.command().get()));
    }
    say.println("🌱  The seed script has been executed (" + dev.strata.diag.Plural.of(done.statements(), "statement") + ").");
    return Optional.of(Json.object("script", done.script().orElse(""), "statements", done.statements()));
  }

  /** {@code migrations.seed} of the config file, else (no config file, as Prisma 6) package.json's {@code prisma.seed}. */
  static Optional<String> seedCommand(CliContext ctx, ProjectConfig config) {
    return CommandStrata.offline(config, event -> { }).seedCommand();
  }

  /** {@code seed.sql} beside the schema ({@code prisma/seed.sql} by default). */
  static Path seedSql(ProjectConfig config) {
    return config.schema().map(SchemaLocation::rootDir)
        .orElse(DevDatabase.projectRoot(config).resolve("prisma"))
        .resolve("seed.sql");
  }

  private static String shellQuote(String arg) {
    return arg.matches("[A-Za-z0-9_./=:@%+-]+") ? arg : "'" + arg.replace("'", "'\"'\"'") + "'";
  }
}
