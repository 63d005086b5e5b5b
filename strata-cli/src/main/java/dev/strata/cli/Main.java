package dev.strata.cli;

/** The process entry point of the {@code strata} executable. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(StrataCli.run(CliContext.system(), args));
  }
}
