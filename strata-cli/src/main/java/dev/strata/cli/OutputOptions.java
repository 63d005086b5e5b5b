package dev.strata.cli;

import picocli.CommandLine.Option;

/** Output options every command takes: {@code --json} and {@code --no-color}. */
public final class OutputOptions {
  @Option(names = "--json", description = "Print a JSON document instead of human-readable text.")
  boolean json;

  @Option(names = "--no-color", description = "Never colour the output (also: NO_COLOR environment variable).")
  boolean noColor;

  public boolean json() {
    return json;
  }

  public boolean noColor() {
    return noColor;
  }
}
