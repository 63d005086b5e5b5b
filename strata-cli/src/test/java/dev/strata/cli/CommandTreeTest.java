package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Building only the branch a command line names must change nothing a user sees: every command's
 * help, and every usage error, reads exactly as with the whole tree.
 */
class CommandTreeTest {
  static Stream<List<String>> paths() {
    return CommandTree.paths().stream().filter(path -> !path.get(0).equals("help"));
  }

  @ParameterizedTest
  @MethodSource("paths")
  void the_branch_has_the_same_help_as_the_whole_tree(List<String> path) {
    CommandLine lazy = CommandTree.forArgs(new StrataCli(null), path.toArray(String[]::new));
    CommandLine full = CommandTree.full(new StrataCli(null));
    assertThat(usage(at(lazy, path))).isEqualTo(usage(at(full, path)));
  }

  @Test
  void a_command_line_builds_only_its_branch() {
    CommandLine deploy = CommandTree.forArgs(new StrataCli(null), new String[] {"migrate", "deploy", "--url", "x"});
    assertThat(deploy.getSubcommands()).containsOnlyKeys("migrate");
    assertThat(deploy.getSubcommands().get("migrate").getSubcommands()).containsOnlyKeys("deploy");

    CommandLine validate = CommandTree.forArgs(new StrataCli(null), new String[] {"validate", "migrate"});
    assertThat(validate.getSubcommands()).containsOnlyKeys("validate");
  }

  @Test
  void anything_uncertain_gets_the_whole_tree() {
    int all = CommandTree.full(new StrataCli(null)).getSubcommands().size();
    for (String[] args : new String[][] {{}, {"--help"}, {"-h", "migrate"}, {"help", "migrate"}, {"frobnicate"}, {"@args.txt"}}) {
      assertThat(CommandTree.forArgs(new StrataCli(null), args).getSubcommands()).as(String.join(" ", args)).hasSize(all);
    }
    int migrateAll = CommandTree.full(new StrataCli(null)).getSubcommands().get("migrate").getSubcommands().size();
    for (String[] args : new String[][] {{"migrate"}, {"migrate", "--help"}, {"migrate", "deplo"}}) {
      CommandLine cli = CommandTree.forArgs(new StrataCli(null), args);
      assertThat(cli.getSubcommands().get("migrate").getSubcommands()).as(String.join(" ", args)).hasSize(migrateAll);
    }
  }

  @Test
  void usage_errors_read_the_same_as_with_the_whole_tree() {
    for (String[] args : new String[][] {{"migrate", "deplo"}, {"db", "pul"}, {"migrate", "deploy", "--bogus"}, {"frobnicate"}}) {
      CliRun run = CliRun.in(java.nio.file.Path.of("."), args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
      CommandLine full = CommandTree.full(new StrataCli(null));
      StringWriter expected = new StringWriter();
      full.setErr(new PrintWriter(expected));
      full.setParameterExceptionHandler(StrataCli::usageError);
      full.execute(args);
      assertThat(run.err()).as(String.join(" ", args)).isEqualTo(expected.toString());
    }
  }

  private static CommandLine at(CommandLine root, List<String> path) {
    CommandLine cli = root;
    List<String> walked = new ArrayList<>();
    for (String name : path) {
      walked.add(name);
      cli = cli.getSubcommands().get(name);
      assertThat(cli).as(String.join(" ", walked)).isNotNull();
    }
    return cli;
  }

  private static String usage(CommandLine cli) {
    StringWriter out = new StringWriter();
    cli.usage(new PrintWriter(out), CommandLine.Help.Ansi.OFF);
    return out.toString();
  }
}
