package dev.strata.cli.command;

import dev.strata.FormatResult;
import dev.strata.Strata;
import dev.strata.StrataListener;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CommandStrata;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.cli.output.TextDiff;
import dev.strata.diag.Diagnostic;
import dev.strata.diag.DiagnosticRenderer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata format}: rewrites schema files exactly as {@code prisma format} would. */
@Command(
    name = "format",
    header = "Format the Prisma schema exactly as 'prisma format' does.",
    description =
        "Format the Prisma schema in place, byte-identical to 'prisma format' (alignment, spacing, " +
        "missing back-relation fields). A schema still invalid once formatted is reported, nothing " +
        "is written and the exit code is 3. With --check nothing is written: exit 3 and a diff when a " +
        "file would change, or the errors when the schema is invalid.")
public final class FormatCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;

  @Option(names = "--check", description = "Do not write; exit 3 and print a diff if any file would change, or the errors if the schema is invalid.")
  boolean check;

  @Override
  protected int run() {
    Terminal term = terminal();
    Strata strata = CommandStrata.offline(SchemaInput.project(context(), schemaOptions, null), StrataListener.NONE);
    // Like `prisma format`: a schema still invalid once formatted (a syntax error, an unknown
    // type) is reported and no file is written; one that formatting fixes is written.
    FormatResult result = check ? strata.checkFormat() : strata.format();
    String location = ValidateCommand.location(context().display(result.location()));
    if (!result.formattable()) {
      List<Diagnostic> errors = result.errors();
      if (output.json()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ok", false);
        doc.put("schema", location);
        doc.put("check", check);
        doc.put("errors", errors.size());
        doc.put("diagnostics", Json.diagnostics(errors));
        term.out().println(Json.write(doc));
      } else {
        term.err().print(new DiagnosticRenderer(term.color()).render(errors));
        term.err().println(term.red("✗") + " Not formatted: the schema is invalid, " + ValidateCommand.plural(errors.size(), "error")
            + " (no file was changed).");
      }
      return ExitCodes.CHECK_FAILED;
    }
    List<FormatResult.File> changed = result.changed();
    long millis = result.elapsed().toMillis();

    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", !check || changed.isEmpty());
      doc.put("schema", location);
      doc.put("check", check);
      doc.put("files", result.files().stream().map(FormatResult.File::name).toList());
      doc.put(check ? "wouldChange" : "changed", changed.stream().map(FormatResult.File::name).toList());
      term.out().println(Json.write(doc));
    } else if (check) {
      for (FormatResult.File file : changed) {
        term.out().print(colorDiff(term, TextDiff.unified(file.name(), file.before(), file.after())));
      }
      if (changed.isEmpty()) {
        term.out().println(term.green("✓") + " " + location + " is formatted.");
      } else {
        term.err().println(term.red("✗") + " " + ValidateCommand.plural(changed.size(), "file") + " would be reformatted.");
      }
    } else {
      String what = changed.isEmpty() ? "already formatted" : "formatted " + ValidateCommand.plural(changed.size(), "file");
      term.out().println(term.green("✓") + " " + location + ": " + what + " " + term.dim("(" + millis + " ms)"));
    }
    return check && !changed.isEmpty() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
  }

  private static String colorDiff(Terminal term, String diff) {
    if (!term.color()) {
      return diff;
    }
    StringBuilder out = new StringBuilder();
    for (String line : diff.split("\n", -1)) {
      if (line.startsWith("+") && !line.startsWith("+++")) {
        out.append(term.green(line));
      } else if (line.startsWith("-") && !line.startsWith("---")) {
        out.append(term.red(line));
      } else {
        out.append(line);
      }
      out.append('\n');
    }
    return out.substring(0, out.length() - 1);
  }


}
