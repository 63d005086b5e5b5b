package dev.strata.prisma.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout model of the formatter: a run of lines whose columns are aligned, plus lines that
 * take no part in the alignment (comments, unparsable lines).
 *
 * <p>Prisma measures column widths in UTF-8 bytes, not characters, so a name with an {@code ñ}
 * pushes the next column one position further than its character count suggests; we do the same.
 */
final class TextTable {

  /** One line of the table. */
  private sealed interface Row permits Aligned, Verbatim {}

  /**
   * A line made of aligned columns and a suffix (a trailing comment) that never influences the
   * widths. A row with neither columns nor suffix renders as an empty line.
   */
  private record Aligned(List<String> columns, StringBuilder suffix) implements Row {}

  /** A line written as is. */
  private record Verbatim(String text) implements Row {}

  private final List<Row> rows = new ArrayList<>();

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Starts a new aligned row. */
  void startRow() {
    rows.add(new Aligned(new ArrayList<>(), new StringBuilder()));
  }

  /** Starts a new aligned row with these columns; blank columns at the end are dropped. */
  void addRow(List<String> columns) {
    startRow();
    current().columns().addAll(columns);
  }

  /** Appends text to the suffix of the current row, starting one if needed. */
  void appendSuffix(String text) {
    if (rows.isEmpty() || !(rows.get(rows.size() - 1) instanceof Aligned)) {
      startRow();
    }
    current().suffix().append(text);
  }

  /** Adds a line that is written verbatim and ignored for alignment. */
  void addVerbatim(String text) {
    rows.add(new Verbatim(text));
  }

  private Aligned current() {
    return (Aligned) rows.get(rows.size() - 1);
  }

  /** Writes every row, aligned, and empties the table. */
  void renderTo(IndentedWriter out) {
    List<Integer> widths = new ArrayList<>();
    for (Row row : rows) {
      if (row instanceof Aligned aligned) {
        List<String> columns = aligned.columns();
        while (!columns.isEmpty() && columns.get(columns.size() - 1).isEmpty()) {
          columns.remove(columns.size() - 1);
        }
        for (int i = 0; i < columns.size(); i++) {
          int width = width(columns.get(i));
          if (i == widths.size()) {
            widths.add(width);
          } else if (width > widths.get(i)) {
            widths.set(i, width);
          }
        }
      }
    }
    for (Row row : rows) {
      if (row instanceof Aligned aligned) {
        List<String> columns = aligned.columns();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
          String column = columns.get(i);
          line.append(column);
          if (i < columns.size() - 1) {
            line.append(" ".repeat(widths.get(i) - width(column) + 1));
          }
        }
        if (aligned.suffix().length() > 0) {
          if (!columns.isEmpty()) {
            line.append(' ');
          }
          line.append(aligned.suffix());
        }
        out.line(line.toString());
      } else if (row instanceof Verbatim verbatim) {
        out.line(verbatim.text());
      }
    }
    rows.clear();
  }

  static int width(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
