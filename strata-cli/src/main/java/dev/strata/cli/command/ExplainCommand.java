package dev.strata.cli.command;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.DiagnosticCodes;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata explain}: what a diagnostic code means, or the list of all of them. */
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
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("code", code.trim().toUpperCase(java.util.Locale.ROOT));
      doc.put("description", description);
      term.out().println(Json.write(doc));
    } else {
      term.out().println(term.bold(code.trim().toUpperCase(java.util.Locale.ROOT)) + ": " + description);
    }
    return ExitCodes.OK;
  }

}
