package dev.strata.cli.command.migrate;

import dev.strata.Cancellation;
import dev.strata.Consent;
import dev.strata.ErrorCode;
import dev.strata.Projects;
import dev.strata.ResetPreview;
import dev.strata.ResetResult;
import dev.strata.Strata;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.CommandStrata;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.DevDatabase;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.SignalGuard;
import dev.strata.cli.TerminalConsole;
import dev.strata.cli.command.db.DbSeedCommand;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import java.util.ArrayList;
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

  /** How long a signal waits for the reset to stop and report (a cancelled statement stops within moments). */
  private static final java.time.Duration SIGNAL_WAIT = java.time.Duration.ofSeconds(30);

  @Override
  protected int run() {
    Terminal term = terminal();
    CliContext ctx = context();
    ProjectConfig config = Projects.withSchemaDatasourceUrl(SchemaInput.project(ctx, schemaOptions, connectionOptions));
    DatabaseUrl url = DevDatabase.url(ctx, config);
    TerminalConsole console = new TerminalConsole(ctx, term, output.json());
    List<String> applied = new ArrayList<>();
    Strata strata = CommandStrata.of(config, url, event -> {
      if (event instanceof StrataEvent.DatabaseWasReset) {
        console.say("Database reset successful");
      } else if (event instanceof StrataEvent.Applying applying) {
        console.say("Applying migration `" + applying.migration() + "`");
        applied.add(applying.migration());
      } else if (event instanceof StrataEvent.Seeding seeding) {
        sayApplied(console, applied);
        DbSeedCommand.seeding(term, seeding, output.json());
      }
    });
    ResetPreview preview = strata.previewReset();
    List<String> schemas = preview.schemas();
    Map<String, Object> doc = new LinkedHashMap<>();
    console.say("Resetting the " + String.join(", ", schemas.stream().map(s -> "\"" + s + "\"").toList()) + " schema"
        + (schemas.size() > 1 ? "s" : "") + " at " + preview.database());
    if (preview.dropped().isEmpty()) {
      console.say("It holds no tables.");
    } else {
      console.say("This drops:");
      preview.dropped().forEach(t -> console.say("  - " + t.describe(url.schema())));
    }
    doc.put("dropped", preview.dropped().stream().map(t -> Json.object("schema", t.schema(), "table", t.table(), "rows", t.rows())).toList());
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
    Cancellation cancellation = new Cancellation();
    ResetResult result;
    try (SignalGuard guard = SignalGuard.install(cancellation::cancel, SIGNAL_WAIT)) {
      try {
        result = strata.reset(preview, Consent.reset(), DbSeedCommand.afterReset(term, ctx, config, skipSeed, output.json()), cancellation);
      } catch (StrataException e) {
        if (e.code() != ErrorCode.INTERRUPTED) {
          throw e;
        }
        return MigrateText.interrupted(term, e, output.json()); // said before the guard lets the process exit
      }
    }
    if (result.seed().isEmpty()) {
      sayApplied(console, result.applied());
    }
    Optional<Map<String, Object>> seeded = DbSeedCommand.seeded(term, result.seed(), output.json());
    if (output.json()) {
      doc.put("ok", true);
      doc.put("applied", result.applied());
      doc.put("seed", seeded.orElse(null));
      term.out().print(Json.write(doc) + "\n");
    }
    return ExitCodes.OK;
  }

  /** The migrations the reset applied again, said once it has applied them (before the seed runs). */
  private static void sayApplied(TerminalConsole console, List<String> applied) {
    if (!applied.isEmpty()) {
      console.say("");
      console.say("The following migration(s) have been applied:");
      applied.forEach(m -> console.say("  " + m));
    }
  }
}
