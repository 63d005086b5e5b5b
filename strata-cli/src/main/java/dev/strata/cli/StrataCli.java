package dev.strata.cli;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.DatabaseUrl;
import dev.strata.diag.EditDistance;
import dev.strata.ColdStart;
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
      "Strata manages a PostgreSQL schema: Prisma-compatible schema as code, "
          + "migrations and safe deploys, and a local dev database.",
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
      ColdStart.closeUnused();
      context.out().flush();
      context.err().flush();
    }
  }

  /** Every command and subcommand answers {@code --help} (and {@code --version}), as the root does. */
  private static void withHelpOptions(CommandLine command) {
    command.getCommandSpec().mixinStandardHelpOptions(true);
    command.getSubcommands().values().forEach(StrataCli::withHelpOptions);
  }

  /** Reports a command line picocli could not parse (package-private for the tests); exit code 2. */
  static int usageError(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    String message = DatabaseUrl.mask(withoutErrorPrefix(ex.getMessage()));
    List<String> suggestions = List.of();
    boolean commandList = false;
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      String typed = unmatched.getUnmatched().get(0);
      if (!cmd.getSubcommands().isEmpty() && cmd.getCommandSpec().positionalParameters().isEmpty() && !typed.startsWith("-")) {
        String parent = cmd.getCommandSpec().parent() == null ? "" : cmd.getCommandSpec().name() + " ";
        message = "Unknown command '" + parent + DatabaseUrl.mask(typed) + "'.";
        commandList = true;
      }
      suggestions = unmatched.getSuggestions().stream().filter(s -> isCloseTo(typed, s)).toList();
    }
    String hint = "Run '" + name + " --help' for " + (commandList ? "the list of commands." : "usage.");
    if (wantsJson(args)) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("code", ErrorCode.USAGE.name());
      error.put("message", message);
      if (!suggestions.isEmpty()) {
        error.put("suggestions", suggestions);
      }
      error.put("hint", hint);
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", false);
      doc.put("error", error);
      cmd.getOut().println(Json.write(doc));
      cmd.getOut().flush();
      return ExitCodes.USAGE;
    }
    var err = cmd.getErr();
    err.println("error: " + message);
    if (!suggestions.isEmpty()) {
      err.println("Did you mean: " + String.join(", ", suggestions) + "?");
    }
    err.println(hint);
    err.flush();
    return ExitCodes.USAGE;
  }

  /** picocli starts some messages with "Error: "; ours get one "error: " prefix only. */
  static String withoutErrorPrefix(String message) {
    String text = message == null ? "invalid command line" : message.strip();
    return text.regionMatches(true, 0, "error: ", 0, 7) ? text.substring(7).strip() : text;
  }

  /** Whether the command line asks for JSON output: {@code --json} before any {@code --}. */
  static boolean wantsJson(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return false;
      }
      if (arg.equals("--json")) {
        return true;
      }
    }
    return false;
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
    message = DatabaseUrl.mask(withoutErrorPrefix(message));
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", false);
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("code", code.name());
      error.put("message", message);
      if (ex instanceof StrataException se) {
        se.prismaCode().ifPresent(c -> error.put("prismaCode", c));
        se.sqlState().ifPresent(c -> error.put("sqlState", c));
        se.migration().ifPresent(m -> error.put("migration", m));
      }
      doc.put("error", error);
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
