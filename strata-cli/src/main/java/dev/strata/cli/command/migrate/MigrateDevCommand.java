package dev.strata.cli.command.migrate;

import dev.strata.Cancellation;
import dev.strata.DevRequest;
import dev.strata.DevResult;
import dev.strata.ErrorCode;
import dev.strata.InvalidSchemaException;
import dev.strata.LintResult;
import dev.strata.LintSeverity;
import dev.strata.Projects;
import dev.strata.Strata;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.ValidateResult;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.CommandStrata;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.DevDatabase;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.Shadows;
import dev.strata.cli.SignalGuard;
import dev.strata.cli.TerminalConsole;
import dev.strata.cli.command.db.DbSeedCommand;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import dev.strata.diag.DiagnosticRenderer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strata migrate dev}: Prisma's development workflow (replay the history into a shadow
 * database, check for drift, apply pending migrations, write and apply the next migration) with
 * confirmed renames, verified down migrations, and no reset or data loss without a yes.
 */
@Command(
    name = "dev",
    header = "Create a migration from schema changes and apply it (with a verified down.sql).",
    description =
        "Create a migration from changes in the Prisma schema, apply it, and keep migration.sql " +
        "byte-identical to Prisma's; down.sql beside it is verified on the shadow database (the " +
        "embedded PostgreSQL unless --shadow-database-url). A drifted database is reset only after a " +
        "confirmation or with --force; data-loss warnings need a confirmation or --accept-data-loss. " +
        "In a non-interactive shell without those flags nothing is changed and the exit code is 1.")
public final class MigrateDevCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;

  @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Name of the migration (asked for when interactive).")
  String name;

  @Option(names = "--create-only", description = "Write the migration without applying it (edit it, then run migrate dev again).")
  boolean createOnly;

  @Option(names = "--shadow-database-url", paramLabel = "URL", description = "An EMPTY database to replay the history into (default: the embedded PostgreSQL).")
  String shadowUrl;

  @Option(names = "--accept-data-loss", description = "Go ahead despite data-loss warnings, without asking.")
  boolean acceptDataLoss;

  @Option(names = "--rename", paramLabel = "OLD=NEW", description = "A rename to carry out instead of drop + add: Model.oldField=newField or OldModel=NewModel (Prisma or database names; repeatable).")
  List<String> renames = new ArrayList<>();

  @Option(names = {"-f", "--force"}, description = "Reset a drifted database without asking (ALL DATA IS LOST).")
  boolean force;

  @Option(names = "--skip-seed", description = "Do not run the seed after a reset.")
  boolean skipSeed;

  /** How long a signal waits for the run to stop and report (a cancelled statement stops within moments). */
  private static final java.time.Duration SIGNAL_WAIT = java.time.Duration.ofSeconds(30);

  @Option(names = "--prisma-sql", description = "Write Prisma's exact SQL (default: lock-safe SQL for tables that already exist,"
      + " in a second migration: indexes CONCURRENTLY, foreign keys NOT VALID then VALIDATE, SET NOT NULL through a validated CHECK).")
  boolean prismaSql;

  @Override
  protected int run() {
    Terminal term = terminal();
    CliContext ctx = context();
    DevRequest request = new DevRequest(Optional.ofNullable(name), createOnly, acceptDataLoss, force, renames, Clock.systemUTC())
        .withPrismaSql(prismaSql);
    ProjectConfig config = SchemaInput.project(ctx, schemaOptions, connectionOptions);
    ValidateResult checked = CommandStrata.offline(config, event -> { }).validate();
    String location = ctx.display(checked.location());
    if (!checked.valid()) {
      if (!output.json()) {
        term.err().print(new DiagnosticRenderer(term.color()).render(checked.diagnostics()));
      }
      throw new StrataException(ErrorCode.INVALID_INPUT,
          "The schema at " + location + " is invalid (" + dev.strata.diag.Plural.of(checked.errors().size(), "error") + "): nothing was changed.");
    }
    config = Projects.withSchemaDatasourceUrl(config);
    Optional<DatabaseUrl> shadow = Optional.ofNullable(shadowUrl).map(DatabaseUrl::parse).or(config::shadowDatabaseUrl);
    Shadows.requireAvailable(shadow);
    DatabaseUrl url = DevDatabase.url(ctx, config);

    TerminalConsole console = new TerminalConsole(ctx, term, output.json());
    console.say("Prisma schema loaded from " + location + ".");
    console.say("Datasource \"db\": PostgreSQL database \"" + url.databaseOrDefault() + "\", schema \"" + url.schema()
        + "\" at \"" + url.host() + ":" + url.port() + "\"");
    console.say("");
    Strata strata = Strata.of(Strata.configure().project(config).url(url).shadowDatabases(Shadows.of(shadow))
        .listener(event -> {
          if (event instanceof StrataEvent.Seeding seeding) {
            DbSeedCommand.seeding(term, seeding, output.json());
          }
        }).build());
    DevResult result;
    try {
      Cancellation cancellation = new Cancellation();
      try (SignalGuard guard = SignalGuard.install(cancellation::cancel, SIGNAL_WAIT)) {
        try {
          result = strata.migrateDev(request.withCancellation(cancellation), console,
              DbSeedCommand.afterReset(term, ctx, config, skipSeed, output.json()));
        } catch (StrataException e) {
          if (e.code() != ErrorCode.INTERRUPTED) {
            throw e;
          }
          return MigrateText.interrupted(term, e, output.json()); // said before the guard lets the process exit
        }
      }
    } catch (InvalidSchemaException e) {
      if (!output.json()) {
        term.err().print(new DiagnosticRenderer(term.color()).render(e.diagnostics()));
      }
      throw e;
    }
    Optional<Map<String, Object>> seeded = DbSeedCommand.seeded(term, result.seed(), output.json());

    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", result.outcome() != DevResult.Outcome.REFUSED);
      doc.put("outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT));
      doc.put("reset", result.reset());
      doc.put("applied", result.applied());
      doc.put("created", result.created().orElse(null));
      result.lockSafe().ifPresent(folder -> doc.put("lockSafe", folder));
      doc.put("downVerified", result.downVerified());
      doc.put("refusal", result.refusal().orElse(null));
      doc.put("seed", seeded.orElse(null));
      doc.put("lint", result.lint().map(MigrateLintCommand::json).orElse(null));
      term.out().print(Json.write(doc) + "\n");
    }
    if (!output.json() && result.lint().isPresent()) {
      lint(term, result.lint().get());
    }
    if (result.outcome() == DevResult.Outcome.REFUSED) {
      if (!output.json()) {
        term.err().println(term.red("Error: ") + result.refusal().orElse(""));
      }
      return ExitCodes.ERROR;
    }
    return ExitCodes.OK;
  }

  /** The lint of the migration(s) just written, as {@code migrate lint} prints it; an error warns, the exit code stays. */
  private static void lint(Terminal term, LintResult lint) {
    term.out().println();
    MigrateLintCommand.findings(term, lint);
    if (lint.hasErrors()) {
      term.err().println(term.yellow("warning: ") + "the new migration has " + dev.strata.diag.Plural.of(lint.count(LintSeverity.ERROR),
          "error-level lint finding") + ": strata migrate deploy refuses to apply it to a database with tables it touches"
          + " unless --allow-unsafe (fix it, or silence a finding with -- strata-lint-ignore LNxxx: reason).");
    }
    term.out().flush();
    term.err().flush();
  }
}
