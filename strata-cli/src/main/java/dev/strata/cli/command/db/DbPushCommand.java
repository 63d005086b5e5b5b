package dev.strata.cli.command.db;

import dev.strata.Consent;
import dev.strata.ErrorCode;
import dev.strata.InvalidSchemaException;
import dev.strata.Projects;
import dev.strata.PushPreview;
import dev.strata.PushResult;
import dev.strata.Strata;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.StrataListener;
import dev.strata.TableRows;
import dev.strata.ValidateResult;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.CommandStrata;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.DevDatabase;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.TerminalConsole;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import dev.strata.diag.Diagnostic;
import dev.strata.diag.DiagnosticRenderer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strata db push}: makes the database match the Prisma schema without migrations, as
 * Prisma's {@code db push}: data loss is refused without {@code --accept-data-loss}, steps that
 * cannot run on the rows present are refused (a reset helps), and {@code --force-reset} empties the
 * schema first after listing what it drops and getting a confirmation.
 */
@Command(
    name = "push",
    header = "Make the database match the Prisma schema, without migrations.",
    description =
        "Make the database match the Prisma schema, without migrations (prototyping). Changes that " +
        "would lose data are listed and refused unless --accept-data-loss; changes that cannot run on" +
        " the rows present need --force-reset, which drops and recreates the schema first: it lists " +
        "the tables and row counts it would drop and asks for confirmation (or --force; refused in a " +
        "non-interactive shell without it). The database: --url, else the configuration, else the " +
        "running Strata dev database.")
public final class DbPushCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;

  @Option(names = "--accept-data-loss", description = "Apply even when data would be lost.")
  boolean acceptDataLoss;

  @Option(names = "--force-reset", description = "Drop and recreate the schema(s) first: ALL DATA IS LOST.")
  boolean forceReset;

  @Option(names = {"-f", "--force"}, description = "With --force-reset: do not ask for confirmation.")
  boolean force;

  private TerminalConsole console;

  @Override
  protected int run() {
    long started = System.nanoTime();
    Terminal term = terminal();
    CliContext ctx = context();
    boolean human = !output.json();
    ProjectConfig config = Projects.withSchemaDatasourceUrl(SchemaInput.project(ctx, schemaOptions, connectionOptions));
    String location = ctx.display(config.readSchema().location().path());
    ValidateResult checked = CommandStrata.offline(config, event -> { }).validate();
    if (!checked.valid()) {
      throw invalid(term, location, checked.diagnostics());
    }
    DatabaseUrl url = DevDatabase.url(ctx, config);
    StrataListener listener = event -> {
      if (!human) {
        return;
      }
      if (event instanceof StrataEvent.SchemaLoaded) {
        term.out().println("Prisma schema loaded from " + location + ".");
        term.out().println(datasource(url));
        term.out().println();
      } else if (event instanceof StrataEvent.DatabaseCreated || event instanceof StrataEvent.SchemaReset) {
        term.out().println(event.message());
        term.out().println();
      }
    };
    Strata strata = CommandStrata.of(config, url, listener);
    PushPreview preview;
    try {
      preview = strata.previewPush(forceReset);
    } catch (InvalidSchemaException e) {
      throw invalid(term, location, e.diagnostics()); // edited since the check above
    }

    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("database", url.masked());
    Consent consent = Consent.NONE;
    if (forceReset) {
      confirmReset(term, ctx, preview, url);
      consent = Consent.reset();
      doc.put("reset", preview.dropped().stream().map(t -> Json.object("table", t.displayName(), "rows", t.rows())).toList());
    }
    List<String> warnings = preview.warnings();
    List<String> unexecutable = preview.unexecutable();
    if (!forceReset) {
      doc.put("warnings", warnings);
      doc.put("unexecutable", unexecutable);
      if (preview.inSync()) {
        return done(term, doc, 0, started, "The database is already in sync with the Prisma schema.");
      }
      if (!unexecutable.isEmpty()) {
        if (human) {
          term.err().println(term.yellow("⚠️") + " We found changes that cannot be executed:");
          term.err().println();
          unexecutable.forEach(u -> term.err().println("  • " + u));
          term.err().println();
        }
        throw new StrataException(ErrorCode.INVALID_INPUT,
            "Nothing was changed. You may use the --force-reset flag to drop the database before push, like"
                + " strata db push --force-reset\nAll data will be lost.");
      }
      if (!warnings.isEmpty()) {
        if (human) {
          term.err().println(term.yellow("⚠️") + "  There might be data loss when applying the changes:");
          term.err().println();
          warnings.forEach(w -> term.err().println("  • " + w));
          term.err().println();
        }
        if (!acceptDataLoss && !confirm("Do you want to ignore the warning(s)?")) {
          throw new StrataException(ErrorCode.INVALID_INPUT,
              "Nothing was changed. Use the --accept-data-loss flag to ignore the data loss warnings, like"
                  + " strata db push --accept-data-loss");
        }
        consent = Consent.dataLoss();
      }
    }
    PushResult pushed = strata.push(preview, consent);
    if (forceReset) {
      // After the reset the database is empty: nothing to lose, nothing that cannot run.
      doc.put("warnings", List.of());
      doc.put("unexecutable", List.of());
    }
    return done(term, doc, pushed.statements(), started, null);
  }

  /** Shows the schema's errors (text mode) and says that nothing was pushed. */
  private StrataException invalid(Terminal term, String location, List<Diagnostic> diagnostics) {
    if (!output.json()) {
      term.err().print(new DiagnosticRenderer(term.color()).render(diagnostics));
    }
    long errors = diagnostics.stream().filter(Diagnostic::isError).count();
    return new StrataException(ErrorCode.INVALID_INPUT,
        "The schema at " + location + " is invalid (" + dev.strata.diag.Plural.of(errors, "error") + "): nothing was pushed.");
  }

  private int done(Terminal term, Map<String, Object> doc, int statements, long started, String inSyncMessage) {
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (output.json()) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("ok", true);
      out.putAll(doc);
      out.put("statements", statements);
      out.put("inSync", true);
      term.out().println(Json.write(out));
    } else if (inSyncMessage != null) {
      term.out().println(inSyncMessage);
    } else {
      term.out().println(term.green("🚀") + "  Your database is now in sync with your Prisma schema. Done in " + millis + "ms");
    }
    return ExitCodes.OK;
  }

  /** --force-reset: list what goes and confirm (or --force); refuses, changing nothing, without a yes. */
  private void confirmReset(Terminal term, CliContext ctx, PushPreview preview, DatabaseUrl url) {
    String schemas = String.join(", ", preview.schemas().stream().map(n -> "\"" + n + "\"").toList());
    if (!preview.dropped().isEmpty() && !force) {
      if (!output.json()) {
        term.err().println(term.yellow("⚠️") + "  --force-reset drops the schema " + schemas + " of " + url.masked()
            + " with everything in it, including:");
        for (TableRows t : preview.dropped()) {
          term.err().println("  • " + t.displayName() + " (" + t.rows() + (t.rows() == 1 ? " row)" : " rows)"));
        }
        term.err().println();
      }
      if (!confirm("Drop all of this?")) {
        throw new StrataException(ErrorCode.INVALID_INPUT, ctx.interactive()
            ? "Reset cancelled: nothing was changed."
            : "Refusing to reset without confirmation in a non-interactive shell: nothing was changed."
                + " Pass --force (strata db push --force-reset --force) to drop the data listed above.");
      }
    }
  }

  /** Asks a yes/no question; false (without asking) when nobody is at the keyboard. One console per run. */
  private boolean confirm(String question) {
    if (console == null) {
      console = new TerminalConsole(context(), terminal(), output.json());
    }
    return console.confirm(question);
  }


  static String datasource(DatabaseUrl url) {
    return "Datasource \"db\": PostgreSQL database \"" + url.databaseOrDefault() + "\", schema \"" + url.schema()
        + "\" at \"" + url.host() + ":" + url.port() + "\"";
  }

}
