package dev.strata.cli.command;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.DiagnosticCodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata explain}: what a diagnostic code means, why it happens and what to do, or the list of all codes. */
@Command(name = "explain", description = "Explain a diagnostic code (e.g. PS204), or list every code with --list.")
public final class ExplainCommand extends BaseCommand {
  @Override
  protected boolean usesProject() {
    return false;
  }

  @Parameters(arity = "0..1", paramLabel = "CODE", description = "A diagnostic code such as PS204.")
  String code;

  @Option(names = "--list", description = "List every diagnostic code.")
  boolean list;

  @Override
  protected int run() {
    Terminal term = terminal();
    if (list || code == null) {
      if (output.json()) {
        term.out().println(Json.write(DiagnosticCodes.all()));
      } else {
        DiagnosticCodes.all().forEach((c, d) -> term.out().println(term.bold(c) + "  " + d));
      }
      return ExitCodes.OK;
    }
    String description =
        DiagnosticCodes.describe(code)
            .orElseThrow(
                () ->
                    new StrataException(
                        ErrorCode.USAGE, "Unknown diagnostic code \"" + code + "\". Run 'strata explain --list' to see them all."));
    String normalized = code.trim().toUpperCase(java.util.Locale.ROOT);
    Optional<String> explanation = DiagnosticCodes.explain(normalized);
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("code", normalized);
      doc.put("description", description);
      explanation.ifPresent(e -> doc.put("explanation", List.of(e.split("\n"))));
      term.out().println(Json.write(doc));
    } else {
      term.out().println(term.bold(normalized) + ": " + description);
      explanation.ifPresent(e -> {
        for (String paragraph : e.split("\n")) {
          term.out().println();
          wrap(paragraph, WIDTH).forEach(term.out()::println);
        }
      });
    }
    return ExitCodes.OK;
  }

  private static final int WIDTH = 100;

  /** A paragraph cut into lines of at most {@code width} characters at spaces (a longer word stays whole). */
  static List<String> wrap(String paragraph, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : paragraph.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
