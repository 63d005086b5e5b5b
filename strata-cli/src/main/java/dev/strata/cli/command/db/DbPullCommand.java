package dev.strata.cli.command.db;

import dev.strata.ErrorCode;
import dev.strata.InvalidSchemaException;
import dev.strata.Projects;
import dev.strata.PullResult;
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
import dev.strata.diag.DiagnosticRenderer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strata db pull}: introspects the database and writes it as a Prisma schema, keeping the
 * names, {@code @map}s and relation names of the current schema (unless {@code --force}).
 */
@Command(
    name = "pull",
    header = "Introspect the database into the Prisma schema.",
    description =
        "Introspect the database into the Prisma schema. Models, fields, relation names and " +
        "@map/@@map of the current schema are kept; --force renders the schema afresh from the " +
        "database. With --print the schema goes to standard output and no file is written.")
public final class DbPullCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;

  @Option(names = "--print", description = "Print the schema instead of writing it.")
  boolean print;

  @Option(names = "--force", description = "Ignore the current schema's names and layout; render afresh.")
  boolean force;

  @Override
  protected int run() {
    Terminal term = terminal();
    CliContext ctx = context();
    ProjectConfig config = SchemaInput.project(ctx, schemaOptions, connectionOptions);
    ProjectConfig resolved = Projects.withSchemaDatasourceUrl(config);
    DatabaseUrl url = DevDatabase.url(ctx, resolved);

    PullResult result;
    try {
      result = CommandStrata.of(resolved, url, event -> { }).pull(force, !print);
    } catch (InvalidSchemaException e) {
      if (!output.json()) {
        term.err().print(new DiagnosticRenderer(term.color()).render(e.diagnostics()));
      }
      throw new StrataException(
          ErrorCode.INVALID_INPUT,
          "The current schema has syntax errors (above). Fix them first: db pull would otherwise overwrite text it could not read.");
    }
    if (result.unchanged()) {
      return unchanged(term, url, result);
    }
    long millis = result.elapsed().toMillis();
    List<String> written = result.files().stream().filter(PullResult.SchemaFile::written).map(f -> ctx.display(f.path())).toList();

    if (output.json()) {
      Map<String, Object> files = new LinkedHashMap<>();
      result.files().forEach(f -> files.put(f.name(), f.text()));
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("database", url.masked());
      doc.put("models", result.models());
      doc.put("enums", result.enums());
      doc.put("files", print ? files : written);
      doc.put("warnings", result.warnings().stream().map(w -> Json.object("code", w.code(), "message", w.message(), "affected", w.affected())).toList());
      term.out().println(Json.write(doc));
      return ExitCodes.OK;
    }
    if (print) {
      boolean several = result.files().size() > 1;
      result.files().forEach(file -> {
        if (several) {
          term.out().println("// " + file.name());
        }
        term.out().print(file.text());
      });
    } else {
      term.out().println(
          term.green("✓") + " Introspected " + dev.strata.diag.Plural.of(result.models(), "table") + " and "
              + dev.strata.diag.Plural.of(result.enums(), "enum") + " from " + url.masked() + " into " + String.join(", ", written) + " " + term.dim("(" + millis + " ms)"));
    }
    if (!result.warnings().isEmpty()) {
      term.err().println(term.yellow("warning: ") + "The introspected schema needs your attention:");
      term.err().print(result.warningText());
    }
    return ExitCodes.OK;
  }

  /** The database already is what the schema describes: the file stays byte for byte as it is. */
  private int unchanged(Terminal term, DatabaseUrl url, PullResult result) {
    String where = String.join(", ", result.files().stream().map(f -> context().display(f.path())).toList());
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("database", url.masked());
      doc.put("models", result.models());
      doc.put("enums", result.enums());
      doc.put("files", List.of());
      doc.put("unchanged", true);
      doc.put("warnings", List.of());
      term.out().println(Json.write(doc));
    } else {
      term.out().println(term.green("✓") + " The database " + url.masked() + " already matches " + where
          + ": nothing to pull, the file was left as it is. (--force renders it afresh from the database.)");
    }
    return ExitCodes.OK;
  }
}
