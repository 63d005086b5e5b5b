package dev.strata.cli;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.DatabaseUrl;
import dev.strata.diag.EditDistance;
import dev.strata.postgres.exec.PrefetchedConnections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/**
 * The {@code strata} command: the root of the subcommand tree ({@link CommandTree}), and the one
 * place failures become exit codes.
 */
@Command(
    name = "strata",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    description = {
      "Strata owns the life of a PostgreSQL schema: Prisma-compatible schema as code, "
          + "migrations, safe deploys, backups, health checks and a local data studio.",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 error, 2 usage, 3 check failed.",
      "Run 'strata COMMAND --help' for a command's options."
    })
public final class StrataCli implements Runnable {
  private final CliContext context;

  public StrataCli(CliContext context) {
    this.context = context;
  }

  public CliContext context() {
    return context;
  }

  @Override
  public void run() {
    CommandTree.full(this).usage(context.out());
  }

  /** Runs one command line and returns its exit code. Never throws. */
  public static int run(CliContext context, String... args) {
    CommandLine cli = CommandTree.forArgs(new StrataCli(context), args);
    withHelpOptions(cli);
    cli.setOut(context.out());
    cli.setErr(context.err());
    cli.setColorScheme(
        CommandLine.Help.defaultColorScheme(
            Terminal.colorWanted(false, context.env(), context.interactive())
                ? CommandLine.Help.Ansi.ON
                : CommandLine.Help.Ansi.OFF));
    cli.setParameterExceptionHandler(StrataCli::usageError);
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failure(ex, commandLine, context));
    try {
      return cli.execute(args);
    } finally {
      PrefetchedConnections.closeUnused();
      context.out().flush();
      context.err().flush();
    }
  }

  /** Every command and subcommand answers {@code --help} (and {@code --version}), as the root does. */
  private static void withHelpOptions(CommandLine command) {
    command.getCommandSpec().mixinStandardHelpOptions(true);
    command.getSubcommands().values().forEach(StrataCli::withHelpOptions);
  }

  private static int usageError(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    var err = cmd.getErr();
    err.println("error: " + DatabaseUrl.mask(ex.getMessage()));
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      String typed = unmatched.getUnmatched().get(0);
      List<String> close = unmatched.getSuggestions().stream().filter(s -> isCloseTo(typed, s)).toList();
      if (!close.isEmpty()) {
        err.println("Did you mean: " + String.join(", ", close) + "?");
      }
    }
    String name = cmd.getCommandSpec().qualifiedName();
    err.println("Run '" + name + " --help' for usage.");
    err.flush();
    return ExitCodes.USAGE;
  }

  /** A likely typo: one is a prefix of the other, or they are at most two edits apart (a third for long words). */
  static boolean isCloseTo(String typed, String candidate) {
    String a = typed.replaceFirst("^-+", "");
    String b = candidate.replaceFirst("^-+", "");
    if (a.isEmpty()) {
      return false;
    }
    if (b.startsWith(a) || a.startsWith(b)) {
      return true;
    }
    return EditDistance.optimalStringAlignment(a, b) <= (Math.max(a.length(), b.length()) >= 8 ? 3 : 2);
  }

  private static int failure(Exception ex, CommandLine commandLine, CliContext context) {
    boolean json = commandLine.getCommand() instanceof BaseCommand b && b.jsonOutput();
    ErrorCode code;
    String message;
    if (ex instanceof StrataException se) {
      code = se.code();
      message = se.getMessage();
    } else {
      code = ErrorCode.INTERNAL;
      message =
          "internal error: "
              + ex.getClass().getSimpleName()
              + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
              + "\nThis is a bug in Strata. Set STRATA_DEBUG=1 to see the stack trace, and please report it.";
    }
    message = DatabaseUrl.mask(message);
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", false);
      doc.put("error", Map.of("code", code.name(), "message", message));
      context.out().println(Json.write(doc));
    } else {
      context.err().println("error: " + message);
    }
    if (context.env().containsKey("STRATA_DEBUG")) {
      ex.printStackTrace(context.err());
    }
    return ExitCodes.of(code);
  }

}
