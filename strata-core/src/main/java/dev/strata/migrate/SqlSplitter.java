package dev.strata.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a PostgreSQL script into statements the way {@code psql} does: a semicolon ends a
 * statement only outside string literals ({@code '…'} with {@code ''}, {@code E'…'} with
 * backslash escapes), quoted identifiers, dollar-quoted bodies, comments, parentheses and the
 * {@code BEGIN ATOMIC … END} body of a SQL-standard function. Comments and whitespace between
 * statements are dropped, as are empty statements; a last statement without a semicolon is kept.
 */
public final class SqlSplitter {
  private SqlSplitter() {}

  /** The statements of {@code sql}, in order; never throws, whatever the input. */
  public static List<SqlStatement> split(String sql) {
    List<SqlStatement> statements = new ArrayList<>();
    if (sql == null || sql.isEmpty()) {
      return List.of();
    }
    LineCounter lines = new LineCounter(sql);
    SqlLexer lexer = new SqlLexer(sql);
    int start = -1;
    int lastEnd = -1;
    int parenDepth = 0;
    int beginDepth = 0;
    List<String> words = new ArrayList<>(4);
    while (lexer.next()) {
      SqlLexer.Kind kind = lexer.kind();
      if (kind == SqlLexer.Kind.WHITESPACE || kind == SqlLexer.Kind.COMMENT) {
        continue;
      }
      if (lexer.isPunctuation(';') && parenDepth == 0 && beginDepth == 0) {
        if (start >= 0) {
          statements.add(new SqlStatement(sql.substring(start, lexer.end()), lines.lineOf(start), start));
        }
        start = -1;
        words.clear();
        continue;
      }
      if (start < 0) {
        start = lexer.start();
      }
      lastEnd = lexer.end();
      if (lexer.isPunctuation('(')) {
        parenDepth++;
      } else if (lexer.isPunctuation(')')) {
        parenDepth = Math.max(0, parenDepth - 1);
      } else if (kind == SqlLexer.Kind.WORD) {
        String word = lexer.token().toUpperCase(Locale.ROOT);
        // Inside CREATE FUNCTION/PROCEDURE, BEGIN (ATOMIC) … END holds semicolons; so do CASE … END within it.
        if ((word.equals("BEGIN") || word.equals("CASE")) && parenDepth == 0 && createsRoutine(words)) {
          beginDepth++;
        } else if (word.equals("END") && beginDepth > 0) {
          beginDepth--;
        }
        if (words.size() < 4) {
          words.add(word);
        }
      }
    }
    if (start >= 0) {
      statements.add(new SqlStatement(sql.substring(start, lastEnd), lines.lineOf(start), start));
    }
    return List.copyOf(statements);
  }

  private static boolean createsRoutine(List<String> words) {
    if (words.size() < 2 || !words.get(0).equals("CREATE")) {
      return false;
    }
    String kind = words.get(1);
    if (words.size() >= 4 && kind.equals("OR") && words.get(2).equals("REPLACE")) {
      kind = words.get(3);
    }
    return kind.equals("FUNCTION") || kind.equals("PROCEDURE");
  }

  /** Turns increasing offsets into 1-based line numbers in one pass. */
  private static final class LineCounter {
    private final String text;
    private int offset;
    private int line = 1;

    LineCounter(String text) {
      this.text = text;
    }

    int lineOf(int target) {
      while (offset < target && offset < text.length()) {
        if (text.charAt(offset) == '\n') {
          line++;
        }
        offset++;
      }
      return line;
    }
  }
}
