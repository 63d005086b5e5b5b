package dev.strata.cli;

import dev.strata.cli.output.Terminal;
import dev.strata.config.ProjectRoot;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The base of every command: the shared output options, the run context, and the terminal. */
public abstract class BaseCommand implements Callable<Integer> {
  @Mixin protected OutputOptions output;

  @Spec protected CommandSpec spec;

  protected CliContext context() {
    return ((StrataCli) spec.root().userObject()).context();
  }

  protected Terminal terminal() {
    CliContext ctx = context();
    return new Terminal(
        ctx.out(), ctx.err(), Terminal.colorWanted(output.noColor(), ctx.env(), ctx.interactive()));
  }

  public boolean jsonOutput() {
    return output != null && output.json();
  }

  @Override
  public final Integer call() throws Exception {
    noteProjectInParentFolder();
    return run();
  }

  /** Whether the command works on the project of the working directory (most do; {@code demo} does not). */
  protected boolean usesProject() {
    return true;
  }

  /**
   * Run in a subfolder of a project, a command uses the project above it ({@link ProjectRoot}):
   * say so, on stderr, since the files it reads and writes are not where the user stands.
   */
  private void noteProjectInParentFolder() {
    if (!usesProject() || jsonOutput()) {
      return;
    }
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    if (parsed != null && (parsed.hasMatchedOption("--schema") || parsed.hasMatchedOption("--config"))) {
      return;
    }
    CliContext ctx = context();
    ProjectRoot.find(ctx.workingDir())
        .filter(root -> !root.directory().equals(ctx.workingDir()))
        .ifPresent(root -> ctx.err().println(
            "Using the project in " + root.directory() + " (" + root.marker() + " is there; you are in a subfolder)."));
  }

  /** Runs the command; returns its exit code ({@link ExitCodes}). */
  protected abstract int run() throws Exception;
}
