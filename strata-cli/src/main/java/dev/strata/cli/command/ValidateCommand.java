package dev.strata.cli.command;

import dev.strata.StrataListener;
import dev.strata.ValidateResult;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CommandStrata;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.diag.DiagnosticRenderer;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code strata validate}: checks a Prisma schema and reports every problem at once. */
@Command(
    name = "validate",
    header = "Check the Prisma schema and report every problem.",
    description =
        "Validate the Prisma schema: syntax, types, attributes, relations, names. Every problem is " +
        "reported in one run. Exit 3 when the schema has errors.")
public final class ValidateCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;

  @Override
  protected int run() {
    Terminal term = terminal();
    ValidateResult checked =
        CommandStrata.offline(SchemaInput.project(context(), schemaOptions, null), StrataListener.NONE).validate();
    String location = location(context().display(checked.location()));
    long millis = checked.elapsed().toMillis();

    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", checked.valid());
      doc.put("schema", location);
      doc.put("files", checked.files());
      doc.put("errors", checked.errorCount());
      doc.put("warnings", checked.warningCount());
      doc.put("diagnostics", Json.diagnostics(checked.diagnostics()));
      term.out().println(Json.write(doc));
      return !checked.valid() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    if (!checked.diagnostics().isEmpty()) {
      term.err().print(new DiagnosticRenderer(term.color()).render(checked.diagnostics()));
    }
    String counts = plural(checked.errorCount(), "error") + ", " + plural(checked.warningCount(), "warning");
    if (!checked.valid()) {
      term.err().println(term.red("✗") + " The schema at " + location + " is invalid: " + counts + ".");
      return ExitCodes.CHECK_FAILED;
    }
    String warn = checked.warningCount() > 0 ? " (" + plural(checked.warningCount(), "warning") + ")" : "";
    term.out().println(
        term.green("✓") + " The schema at " + location + " is valid" + warn + " " + term.dim("(" + millis + " ms)"));
    return ExitCodes.OK;
  }

  /** A schema location as the commands show it: relative to the working directory, {@code .} for it. */
  static String location(String shown) {
    return shown.isEmpty() ? "." : shown;
  }

  static String plural(long n, String word) {
    return dev.strata.diag.Plural.of(n, word);
  }
}
