package dev.strata.cli;

import dev.strata.cli.output.Terminal;
import java.util.concurrent.Callable;
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
    return run();
  }

  /** Runs the command; returns its exit code ({@link ExitCodes}). */
  protected abstract int run() throws Exception;
}
