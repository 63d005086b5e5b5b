package dev.strata.cli.command;

import dev.strata.cli.AtomicFile;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.cli.output.TextDiff;
import dev.strata.diag.Diagnostic;
import dev.strata.diag.DiagnosticRenderer;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.PrismaFrontEnd;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata format}: rewrites schema files exactly as {@code prisma format} would. */
@Command(
    name = "format",
    header = "Format the Prisma schema exactly as 'prisma format' does.",
    description =
        "Format the Prisma schema in place, byte-identical to 'prisma format' (alignment, spacing, " +
        "missing back-relation fields). With --check nothing is written: exit 3 and a diff when a " +
        "file would change.")
public final class FormatCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;

  @Option(names = "--check", description = "Do not write; exit 3 and print a diff if any file would change.")
  boolean check;

  @Override
  protected int run() {
    Terminal term = terminal();
    SchemaInput input = SchemaInput.load(context(), schemaOptions);
    long started = System.nanoTime();
    PrismaFrontEnd.Parsed parsed = PrismaFrontEnd.parse(input.files());
    if (parsed.hasSyntaxErrors()) {
      // Never rewrite a file we could not fully read: report and leave every file untouched.
      if (output.json()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ok", false);
        doc.put("schema", input.location());
        doc.put("diagnostics", Json.diagnostics(parsed.syntaxDiagnostics()));
        term.out().println(Json.write(doc));
      } else {
        term.err().print(new DiagnosticRenderer(term.color()).render(parsed.syntaxDiagnostics()));
        term.err().println(term.red("✗") + " Not formatted: fix the syntax errors above first (no file was changed).");
      }
      return ExitCodes.CHECK_FAILED;
    }
    Map<String, String> formatted = PrismaFrontEnd.format(parsed.schema());
    List<SourceFile> changed = new ArrayList<>();
    for (SourceFile file : input.files()) {
      String after = formatted.get(file.path());
      if (after != null && !after.equals(file.text())) {
        changed.add(file);
      }
    }
    List<Diagnostic> broken = changed.isEmpty() ? List.of() : errorsFormattingAdds(input.files(), formatted);
    if (!broken.isEmpty()) {
      // Like prisma format: never write a schema the fields it adds make invalid (a name taken twice).
      if (output.json()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ok", false);
        doc.put("schema", input.location());
        doc.put("diagnostics", Json.diagnostics(broken));
        term.out().println(Json.write(doc));
      } else {
        term.err().print(new DiagnosticRenderer(term.color()).render(broken));
        term.err().println(
            term.red("✗")
                + " Not formatted: the relation fields format adds would make the schema invalid (no file was"
                + " changed). Add the missing relation fields yourself, with names of your choice.");
      }
      return ExitCodes.CHECK_FAILED;
    }
    long millis = (System.nanoTime() - started) / 1_000_000;

    if (!check) {
      for (SourceFile file : changed) {
        AtomicFile.write(input.pathOf(file), formatted.get(file.path()));
      }
    }

    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", !check || changed.isEmpty());
      doc.put("schema", input.location());
      doc.put("check", check);
      doc.put("files", input.files().stream().map(SourceFile::path).toList());
      doc.put(check ? "wouldChange" : "changed", changed.stream().map(SourceFile::path).toList());
      term.out().println(Json.write(doc));
    } else if (check) {
      for (SourceFile file : changed) {
        term.out().print(colorDiff(term, TextDiff.unified(file.path(), file.text(), formatted.get(file.path()))));
      }
      if (changed.isEmpty()) {
        term.out().println(term.green("✓") + " " + input.location() + " is formatted.");
      } else {
        term.err().println(term.red("✗") + " " + ValidateCommand.plural(changed.size(), "file") + " would be reformatted.");
      }
    } else {
      String what = changed.isEmpty() ? "already formatted" : "formatted " + ValidateCommand.plural(changed.size(), "file");
      term.out().println(term.green("✓") + " " + input.location() + ": " + what + " " + term.dim("(" + millis + " ms)"));
    }
    return check && !changed.isEmpty() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
  }

  /**
   * The validation errors of the formatted schema that the schema as written does not have: what
   * the fields the formatter adds break (an added field named like one the model already has).
   * Errors already there before formatting (other than the missing relation fields formatting
   * adds) do not stop it: then formatting only changes layout, which Strata allows.
   */
  private static List<Diagnostic> errorsFormattingAdds(List<SourceFile> files, Map<String, String> formatted) {
    List<SourceFile> after = new ArrayList<>();
    for (SourceFile file : files) {
      after.add(new SourceFile(file.path(), formatted.getOrDefault(file.path(), file.text())));
    }
    PrismaFrontEnd.Checked checkedAfter = PrismaFrontEnd.check(after);
    if (!checkedAfter.hasErrors()) {
      return List.of();
    }
    Set<String> before =
        PrismaFrontEnd.check(files).diagnostics().stream()
            .filter(Diagnostic::isError)
            .map(FormatCommand::errorKey)
            .collect(Collectors.toSet());
    return checkedAfter.diagnostics().stream()
        .filter(Diagnostic::isError)
        .filter(d -> !before.contains(errorKey(d)))
        .toList();
  }

  /** An error without its position, which formatting moves. */
  private static String errorKey(Diagnostic diagnostic) {
    return diagnostic.code() + " " + diagnostic.message();
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
