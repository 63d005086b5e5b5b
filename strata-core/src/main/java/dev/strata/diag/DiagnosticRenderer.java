package dev.strata.diag;

import java.util.List;

/**
 * Renders diagnostics the way a compiler does: code, message, {@code file:line:col}, the source line
 * and a caret under the offending span, then help.
 */
public final class DiagnosticRenderer {
  private final boolean color;

  public DiagnosticRenderer(boolean color) {
    this.color = color;
  }

  public String render(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      out.append(render(d)).append('\n');
    }
    return out.toString();
  }

  public String render(Diagnostic d) {
    Span span = d.span();
    SourceFile file = span.file();
    int line = span.startLine();
    int col = span.startColumn();
    String lineText = file.lineText(line).replace('\t', ' ');
    String gutterNumber = Integer.toString(line);
    String pad = " ".repeat(gutterNumber.length());

    StringBuilder out = new StringBuilder();
    String sev = d.severity().label();
    out.append(style(d.isError() ? "1;91" : "1;93", sev + "[" + d.code() + "]"))
        .append(style("1", ": " + d.message()))
        .append('\n');
    out.append(pad).append(style("1;94", "--> ")).append(file.path()).append(':').append(line).append(':').append(col).append('\n');
    out.append(pad).append(style("1;94", " |")).append('\n');
    out.append(style("1;94", gutterNumber + " |")).append(' ').append(lineText).append('\n');
    int lineEnd = file.lineStart(line) + file.lineText(line).length();
    int caretEnd = Math.min(span.end(), lineEnd);
    int width = Math.max(1, caretEnd - span.start());
    out.append(pad).append(style("1;94", " |")).append(' ').append(" ".repeat(Math.max(0, col - 1)))
        .append(style(d.isError() ? "1;91" : "1;93", "^".repeat(width)));
    d.label().ifPresent(l -> out.append(' ').append(style(d.isError() ? "1;91" : "1;93", l)));
    out.append('\n');
    d.help().ifPresent(h -> out.append(pad).append(style("1;94", " = ")).append(style("1", "help")).append(": ").append(h).append('\n'));
    return out.toString();
  }

  private String style(String sgr, String text) {
    return color ? "\u001b[" + sgr + "m" + text + "\u001b[0m" : text;
  }
}
