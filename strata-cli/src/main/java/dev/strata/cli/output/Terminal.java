package dev.strata.cli.output;

import java.io.PrintWriter;
import java.util.Map;

/**
 * Where a command writes: standard output and error, and whether colour is on. Colour is used only
 * on a terminal, never when {@code NO_COLOR} is set or {@code --no-color} is given.
 */
public record Terminal(PrintWriter out, PrintWriter err, boolean color) {

  /** Decides whether to colour: an interactive console, and neither NO_COLOR nor --no-color. */
  public static boolean colorWanted(boolean noColorFlag, Map<String, String> env, boolean interactive) {
    if (noColorFlag) {
      return false;
    }
    String noColor = env.get("NO_COLOR");
    if (noColor != null && !noColor.isEmpty()) {
      return false;
    }
    String force = env.get("FORCE_COLOR");
    if (force != null && !force.isEmpty() && !force.equals("0")) {
      return true;
    }
    return interactive && !"dumb".equals(env.get("TERM"));
  }

  public String green(String text) {
    return style("32", text);
  }

  public String red(String text) {
    return style("1;91", text);
  }

  public String yellow(String text) {
    return style("33", text);
  }

  public String bold(String text) {
    return style("1", text);
  }

  public String dim(String text) {
    return style("2", text);
  }

  private String style(String sgr, String text) {
    return color ? "\u001b[" + sgr + "m" + text + "\u001b[0m" : text;
  }
}
