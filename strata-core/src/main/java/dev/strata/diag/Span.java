package dev.strata.diag;

import java.util.Objects;

/** A half-open range [start, end) of character offsets in one source file. */
public record Span(SourceFile file, int start, int end) {
  public Span {
    Objects.requireNonNull(file, "file");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }

  /** The smallest span covering both. */
  public Span to(Span other) {
    return new Span(file, Math.min(start, other.start), Math.max(end, other.end));
  }

  public int startLine() {
    return file.line(start);
  }

  public int startColumn() {
    return file.column(start);
  }

  /** Line of the last character covered (the start line for an empty span). */
  public int endLine() {
    return file.line(end > start ? end - 1 : start);
  }

  public String text() {
    return file.text().substring(start, end);
  }

  @Override
  public String toString() {
    return file.path() + ":" + startLine() + ":" + startColumn();
  }
}
