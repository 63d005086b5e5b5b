package dev.strata.prisma.format;

/** The output buffer of the formatter: writes lines, indenting every non-empty one by the current depth. */
final class IndentedWriter {
  private static final String INDENT = "  ";

  private final StringBuilder out = new StringBuilder();
  private int depth;

  void indent() {
    depth++;
  }

  void dedent() {
    depth = Math.max(0, depth - 1);
  }

  /** Writes one line; an empty line gets no indentation (Prisma never leaves trailing blanks). */
  void line(String text) {
    if (!text.isEmpty()) {
      out.append(INDENT.repeat(depth)).append(text);
    }
    out.append('\n');
  }

  /** Writes text at the start of a line without ending it (raw top-level text such as a type alias). */
  void raw(String text) {
    out.append(text);
  }

  /** Ends the current line. */
  void newline() {
    out.append('\n');
  }

  boolean endsWithNewline() {
    return out.length() > 0 && out.charAt(out.length() - 1) == '\n';
  }

  String text() {
    return out.toString();
  }
}
