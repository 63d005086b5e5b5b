package dev.strata.cli.command;

import dev.strata.cli.BaseCommand;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.diag.DiagnosticRenderer;
import dev.strata.prisma.PrismaFrontEnd;
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
    SchemaInput input = SchemaInput.load(context(), schemaOptions);
    long started = System.nanoTime();
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(input.files());
    long millis = (System.nanoTime() - started) / 1_000_000;

    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", !checked.hasErrors());
      doc.put("schema", input.location());
      doc.put("files", input.files().stream().map(f -> f.path()).toList());
      doc.put("errors", checked.errorCount());
      doc.put("warnings", checked.warningCount());
      doc.put("diagnostics", Json.diagnostics(checked.diagnostics()));
      term.out().println(Json.write(doc));
      return checked.hasErrors() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    if (!checked.diagnostics().isEmpty()) {
      term.err().print(new DiagnosticRenderer(term.color()).render(checked.diagnostics()));
    }
    String counts = plural(checked.errorCount(), "error") + ", " + plural(checked.warningCount(), "warning");
    if (checked.hasErrors()) {
      term.err().println(term.red("✗") + " The schema at " + input.location() + " is invalid: " + counts + ".");
      return ExitCodes.CHECK_FAILED;
    }
    String warn = checked.warningCount() > 0 ? " (" + plural(checked.warningCount(), "warning") + ")" : "";
    term.out().println(
        term.green("✓") + " The schema at " + input.location() + " is valid" + warn + " " + term.dim("(" + millis + " ms)"));
    return ExitCodes.OK;
  }

  static String plural(long n, String word) {
    return dev.strata.diag.Plural.of(n, word);
  }
}
