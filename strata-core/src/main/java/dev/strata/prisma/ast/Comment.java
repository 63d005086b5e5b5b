package dev.strata.prisma.ast;

import dev.strata.diag.Span;

/**
 * A comment, kept where it was written: a whole line inside a block or between blocks, or the
 * trailing comment of a field, value or property line. {@code text} is the raw source text
 * including the {@code //}, {@code ///} or {@code /* *}{@code /} delimiters, without the line end.
 */
public record Comment(Kind kind, String text, Span span) implements Member, Top {
  /** Which comment syntax was used. */
  public enum Kind {
    /** {@code // ...} */
    LINE,
    /** {@code /// ...}: documentation attached to the next declaration. */
    DOC,
    /** {@code /* ... *}{@code /}, possibly over several lines. */
    BLOCK
  }

  /** For a DOC comment, the documentation text: the content after {@code ///}, one leading space removed. */
  public String docText() {
    String body = text.startsWith("///") ? text.substring(3) : text;
    return body.startsWith(" ") ? body.substring(1) : body;
  }
}
