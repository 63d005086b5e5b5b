package dev.strata.cli.command.db;

import dev.strata.ErrorCode;
import dev.strata.ExecuteResult;
import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.CommandStrata;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.DevDatabase;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import dev.strata.config.Utf8Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strata db execute}: runs a SQL script against the database, with a migration's
 * transaction semantics; a failure names the line and the statement, and nothing of the script
 * stays applied unless it ran outside a transaction.
 */
@Command(
    name = "execute",
    header = "Run a SQL script against the database.",
    description =
        "Run a SQL script (--file or --stdin) against the database, as one transaction like a " +
        "migration (statements PostgreSQL refuses in a transaction, such as CREATE INDEX " +
        "CONCURRENTLY, run on their own). No migration history is written. The database: --url, else " +
        "the configuration (prisma.config.ts, DATABASE_URL), else the running Strata dev database.")
public final class DbExecuteCommand extends BaseCommand {
  @ArgGroup(multiplicity = "1")
  Input input;

  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;

  /** Where the script comes from: exactly one of the two. */
  static final class Input {
    @Option(names = "--file", paramLabel = "FILE", required = true, description = "The SQL script to run.")
    String file;

    @Option(names = "--stdin", required = true, description = "Read the SQL script from standard input.")
    boolean stdin;
  }

  @Override
  protected int run() {
    Terminal term = terminal();
    CliContext ctx = context();
    String source = input.file != null ? input.file : "stdin";
    String script = input.file != null ? readFile(ctx.resolve(input.file), input.file) : readStdin(ctx);

    ProjectConfig project = SchemaInput.withSchemaUrl(ctx, SchemaInput.project(ctx, schemaOptions, connectionOptions));
    DatabaseUrl url = DevDatabase.url(ctx, project);
    Strata strata = CommandStrata.of(project, url, event -> { });
    ExecuteResult applied = strata.execute(source, script);

    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("database", url.masked());
      doc.put("script", source);
      doc.put("statements", applied.statements());
      doc.put("notes", applied.notes());
      term.out().println(Json.write(doc));
    } else {
      applied.notes().forEach(note -> term.err().println(term.yellow("note: ") + note));
      term.out().println("Script executed successfully.");
    }
    return ExitCodes.OK;
  }

  static String readFile(Path path, String shown) {
    try {
      return decode(Files.readAllBytes(path), shown);
    } catch (NoSuchFileException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "The script " + shown + " does not exist.");
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not read " + shown + ": " + e.getMessage(), e);
    }
  }

  private static String readStdin(CliContext ctx) {
    try {
      return decode(ctx.in().readAllBytes(), "stdin");
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not read the script from standard input: " + e.getMessage(), e);
    }
  }

  private static String decode(byte[] bytes, String shown) {
    Utf8Text.Decoded decoded = Utf8Text.decode(bytes);
    return decoded.text().orElseThrow(() -> new StrataException(ErrorCode.INVALID_INPUT,
        "The script " + shown + " cannot be run: " + decoded.problem().orElseThrow() + ". Nothing was sent to the database."));
  }
}
