package dev.strata.diag;

import java.util.Arrays;
import java.util.Objects;

/** A named piece of source text (a schema file), with a line index for turning offsets into positions. */
public final class SourceFile {
  private final String path;
  private final String text;
  private final int[] lineStarts;

  public SourceFile(String path, String text) {
    this.path = Objects.requireNonNull(path, "path");
    this.text = Objects.requireNonNull(text, "text");
    int[] starts = new int[16];
    int count = 0;
    starts[count++] = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, count);
  }

  public String path() {
    return path;
  }

  public String text() {
    return text;
  }

  /** Number of lines (a trailing newline does not start a counted line of its own unless text follows). */
  public int lineCount() {
    return lineStarts.length;
  }

  /** 1-based line of a character offset. */
  public int line(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    int idx = Arrays.binarySearch(lineStarts, clamped);
    return (idx >= 0 ? idx : -idx - 2) + 1;
  }

  /** 1-based column (in characters) of a character offset. */
  public int column(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    return clamped - lineStarts[line(clamped) - 1] + 1;
  }

  /** Offset of the first character of a 1-based line. */
  public int lineStart(int line) {
    return lineStarts[line - 1];
  }

  /** The text of a 1-based line, without its line terminator. */
  public String lineText(int line) {
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(start, Math.max(start, end));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceFile other && path.equals(other.path) && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + text.hashCode();
  }

  @Override
  public String toString() {
    return "SourceFile[" + path + "]";
  }
}
