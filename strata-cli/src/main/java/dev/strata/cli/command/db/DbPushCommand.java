package dev.strata.cli.command.db;

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
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import dev.strata.config.SchemaLocator;
import dev.strata.config.SchemaSources;
import dev.strata.diag.DiagnosticRenderer;
import dev.strata.migrate.AppliedMigration;
import dev.strata.migrate.MigrationFailedException;
import dev.strata.migrate.MigrationFailure;
import dev.strata.migrate.push.DatabaseCreation;
import dev.strata.migrate.push.SchemaPush;
import dev.strata.postgres.exec.PgConnections;
import dev.strata.postgres.exec.TableRows;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    ProjectConfig config = SchemaInput.project(ctx, schemaOptions, connectionOptions);
    SchemaSources sources = config.readSchema();
    String location = ctx.display(sources.location().path());
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(sources.sources());
    if (checked.hasErrors()) {
      if (human) {
        term.err().print(new DiagnosticRenderer(term.color()).render(checked.diagnostics()));
      }
      throw new StrataException(ErrorCode.INVALID_INPUT,
          "The schema at " + location + " is invalid (" + dev.strata.diag.Plural.of(checked.errorCount(), "error") + "): nothing was pushed.");
    }
    config = PrismaFrontEnd.datasourceUrlReference(checked.schema()).map(config::withSchemaDatasourceUrl).orElse(config);
    DatabaseUrl url = DevDatabase.url(ctx, config);
    DatabaseSchema target = PrismaLowering.lower(checked.schema(), url.schema());
    if (human) {
      term.out().println("Prisma schema loaded from " + location + ".");
      term.out().println(datasource(url));
      term.out().println();
    }
    if (DatabaseCreation.createIfMissing(url) && human) {
      term.out().println("PostgreSQL database \"" + url.databaseOrDefault() + "\" created at \"" + url.host() + ":" + url.port() + "\"");
      term.out().println();
    }

    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("database", url.masked());
    try (Connection connection = PgConnections.open(url)) {
      if (forceReset) {
        List<TableRows> dropped = reset(term, ctx, connection, target, url);
        doc.put("reset", dropped.stream().map(t -> Map.of("table", t.displayName(), "rows", t.rows())).toList());
      }
      SchemaPush.Preview preview = SchemaPush.preview(connection, target);
      List<String> warnings = preview.dataLoss().warnings();
      List<String> unexecutable = preview.dataLoss().unexecutable();
      doc.put("warnings", warnings);
      doc.put("unexecutable", unexecutable);
      if (preview.inSync()) {
        return done(term, doc, 0, started, forceReset ? null : "The database is already in sync with the Prisma schema.");
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
      }
      AppliedMigration applied = apply(connection, preview);
      return done(term, doc, applied.statements(), started, null);
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Closing the connection to " + url.masked() + " failed: " + e.getMessage(), e);
    }
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

  private static AppliedMigration apply(Connection connection, SchemaPush.Preview preview) {
    try {
      return SchemaPush.apply(connection, preview.comparison());
    } catch (MigrationFailedException e) {
      MigrationFailure f = e.failure();
      throw new StrataException(ErrorCode.DATABASE,
          "db push failed in the statement: " + f.statement().text().strip() + "\nDatabase error"
              + (f.sqlState().isEmpty() ? "" : " [" + f.sqlState() + "]") + ": " + f.databaseMessage() + "\n"
              + (f.earlierStatementsCommitted()
                  ? "Statements that had to run outside the transaction before it remain applied."
                  : "Nothing was applied: the push's transaction was rolled back."),
          StrataException.Details.none().withSqlState(f.sqlState()), e);
    }
  }

  /** --force-reset: list what goes, confirm (or --force), drop and recreate; returns what was dropped. */
  private List<TableRows> reset(Terminal term, CliContext ctx, Connection connection, DatabaseSchema target, DatabaseUrl url) {
    List<String> namespaces = SchemaPush.namespaces(target);
    List<TableRows> tables = SchemaPush.contents(connection, namespaces);
    String schemas = String.join(", ", namespaces.stream().map(n -> "\"" + n + "\"").toList());
    if (!tables.isEmpty() && !force) {
      if (!output.json()) {
        term.err().println(term.yellow("⚠️") + "  --force-reset drops the schema " + schemas + " of " + url.masked()
            + " with everything in it, including:");
        for (TableRows t : tables) {
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
    SchemaPush.reset(connection, namespaces);
    if (!output.json()) {
      term.out().println("The PostgreSQL database \"" + url.databaseOrDefault() + "\" schema " + schemas + " at \""
          + url.host() + ":" + url.port() + "\" was successfully reset.");
      term.out().println();
    }
    return tables;
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
