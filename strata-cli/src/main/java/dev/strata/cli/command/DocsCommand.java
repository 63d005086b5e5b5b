package dev.strata.cli.command;

import dev.strata.DocsResult;
import dev.strata.ErrorCode;
import dev.strata.SchemaDocs;
import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.StrataListener;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CommandStrata;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata docs}: one page documenting the schema, written or checked. */
@Command(
    name = "docs",
    header = "Write the schema's documentation page (Markdown or HTML).",
    description =
        "Write one page documenting the Prisma schema: every model with its table, a fields table (type, native type, " +
        "null, default, constraints, /// description), relations in words, indexes, enums, a Mermaid ER diagram that " +
        "renders on GitHub, and the migration history summarised from its statements. The page is the same for the same " +
        "schema, so it can be committed: --check exits 3 when the committed page is out of date (for CI). Needs no database.")
public final class DocsCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;

  @Option(names = "--url", paramLabel = "URL",
      description = "Also read each table's rows and size on disk from this database (the page then depends on its data).")
  String url;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs/schema",
      description = "The folder of the page (default: docs/schema): README.md, or index.html with --format html.")
  String out;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "md", description = "md (default) or html.")
  String format;

  @Option(names = "--check", description = "Write nothing; exit 3 when the page is missing or out of date.")
  boolean check;

  @Override
  protected int run() {
    SchemaDocs.Format pageFormat = switch (format) {
      case "md", "markdown" -> SchemaDocs.Format.MARKDOWN;
      case "html" -> SchemaDocs.Format.HTML;
      default -> throw new StrataException(ErrorCode.USAGE, "--format " + format + " is not one of md, html.");
    };
    Terminal term = terminal();
    Path folder = context().workingDir().resolve(out);
    DocsResult result;
    if (url != null) {
      ProjectConfig project = SchemaInput.project(context(), schemaOptions, null);
      result = CommandStrata.of(project, DatabaseUrl.parse(url), StrataListener.NONE).docsWithSizes(folder, pageFormat, !check);
    } else {
      Strata strata = CommandStrata.offline(SchemaInput.project(context(), schemaOptions, null), StrataListener.NONE);
      result = check ? strata.checkDocs(folder, pageFormat) : strata.writeDocs(folder, pageFormat);
    }
    String shown = context().display(result.file());
    int exit = check && !result.upToDate() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", exit == ExitCodes.OK);
      doc.put("file", shown);
      doc.put("format", format);
      doc.put("upToDate", result.upToDate());
      doc.put("written", result.written());
      term.out().println(Json.write(doc));
      return exit;
    }
    if (check) {
      if (result.upToDate()) {
        term.out().println(term.green("✓") + " " + shown + " is up to date.");
      } else {
        term.err().println(term.red("✗") + " " + shown + " is out of date with the schema: run `strata docs"
            + (out.equals("docs/schema") ? "" : " --out " + out) + (pageFormat == SchemaDocs.Format.HTML ? " --format html" : "") + "`.");
      }
    } else {
      term.out().println(result.written()
          ? term.green("✓") + " Wrote " + shown + "."
          : term.green("✓") + " " + shown + " is up to date.");
    }
    return exit;
  }
}
