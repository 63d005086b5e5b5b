package dev.strata.cli;

import dev.strata.cli.output.Terminal;
import dev.strata.DevConsole;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The {@link DevConsole} of a CLI run: progress on standard output (standard error with {@code
 * --json}, which keeps standard output for the document), questions on standard error, answers
 * read line by line from the context's standard input (one reader for the whole run, so scripted
 * answers are consumed in order).
 */
public final class TerminalConsole implements DevConsole {
  private final CliContext ctx;
  private final Terminal term;
  private final PrintWriter progress;
  private BufferedReader reader;

  public TerminalConsole(CliContext ctx, Terminal term, boolean json) {
    this.ctx = ctx;
    this.term = term;
    this.progress = json ? term.err() : term.out();
  }

  @Override
  public boolean interactive() {
    return ctx.interactive();
  }

  @Override
  public boolean confirm(String question) {
    if (!ctx.interactive()) {
      return false;
    }
    String answer = prompt(question + " [y/N] ");
    String a = answer.toLowerCase(Locale.ROOT);
    return a.equals("y") || a.equals("yes");
  }

  @Override
  public String ask(String question) {
    if (!ctx.interactive()) {
      return "";
    }
    return prompt(question + " ");
  }

  @Override
  public void say(String line) {
    progress.println(line);
    progress.flush();
  }

  private String prompt(String text) {
    progress.flush();
    term.err().print(text);
    term.err().flush();
    try {
      if (reader == null) {
        reader = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8));
      }
      String line = reader.readLine();
      return line == null ? "" : line.strip();
    } catch (IOException e) {
      return "";
    }
  }
}
