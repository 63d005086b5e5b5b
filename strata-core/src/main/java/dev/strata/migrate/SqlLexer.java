package dev.strata.migrate;

/**
 * A PostgreSQL lexer just precise enough to find statement boundaries: it knows every construct
 * in which a semicolon does not end a statement (string literals with their escape rules, quoted
 * identifiers, dollar-quoted bodies, line and nested block comments). It never fails: an
 * unterminated construct simply runs to the end of the text, as the server would read it.
 */
final class SqlLexer {
  /** The kinds of token the splitter and the classifier tell apart. */
  enum Kind { WHITESPACE, COMMENT, WORD, QUOTED_IDENTIFIER, STRING, DOLLAR_STRING, NUMBER, PARAMETER, PUNCTUATION }

  private final String text;
  private int pos;
  private Kind kind;
  private int start;

  SqlLexer(String text) {
    this.text = text;
    // A byte-order mark is not SQL; skipping it lets a file saved by a BOM-writing editor run.
    this.pos = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
  }

  /** Advances to the next token; false at the end of the text. */
  boolean next() {
    if (pos >= text.length()) {
      return false;
    }
    start = pos;
    char c = text.charAt(pos);
    char d = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
    if (isSpace(c)) {
      while (pos < text.length() && isSpace(text.charAt(pos))) {
        pos++;
      }
      kind = Kind.WHITESPACE;
    } else if (c == '-' && d == '-') {
      int nl = text.indexOf('\n', pos);
      pos = nl < 0 ? text.length() : nl;
      kind = Kind.COMMENT;
    } else if (c == '/' && d == '*') {
      blockComment();
      kind = Kind.COMMENT;
    } else if (c == '\'') {
      quoted('\'', false);
      kind = Kind.STRING;
    } else if (c == '"') {
      quoted('"', false);
      kind = Kind.QUOTED_IDENTIFIER;
    } else if ((c == 'E' || c == 'e') && d == '\'') {
      pos++;
      quoted('\'', true);
      kind = Kind.STRING;
    } else if (c == '$') {
      dollar();
    } else if (isIdentifierStart(c)) {
      while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
        pos++;
      }
      kind = Kind.WORD;
    } else if (c >= '0' && c <= '9') {
      while (pos < text.length() && (isIdentifierPart(text.charAt(pos)) || text.charAt(pos) == '.') && text.charAt(pos) != '$') {
        pos++;
      }
      kind = Kind.NUMBER;
    } else {
      pos++;
      kind = Kind.PUNCTUATION;
    }
    return true;
  }

  Kind kind() {
    return kind;
  }

  int start() {
    return start;
  }

  int end() {
    return pos;
  }

  /** The token's text. */
  String token() {
    return text.substring(start, pos);
  }

  /** Whether the current token is the given single punctuation character. */
  boolean isPunctuation(char c) {
    return kind == Kind.PUNCTUATION && text.charAt(start) == c;
  }

  private void blockComment() {
    int depth = 0;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      char d = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
      if (c == '/' && d == '*') {
        depth++;
        pos += 2;
      } else if (c == '*' && d == '/') {
        depth--;
        pos += 2;
        if (depth == 0) {
          return;
        }
      } else {
        pos++;
      }
    }
  }

  /** From an opening quote at pos to just past its closing quote; a doubled quote stays inside. */
  private void quoted(char quote, boolean backslashEscapes) {
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (backslashEscapes && c == '\\') {
        pos = Math.min(text.length(), pos + 2);
      } else if (c == quote) {
        if (pos + 1 < text.length() && text.charAt(pos + 1) == quote) {
          pos += 2;
        } else {
          pos++;
          return;
        }
      } else {
        pos++;
      }
    }
  }

  /** {@code $1} is a parameter, {@code $tag$…$tag$} a dollar-quoted string, anything else a lone {@code $}. */
  private void dollar() {
    int j = pos + 1;
    if (j < text.length() && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
      while (j < text.length() && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
        j++;
      }
      pos = j;
      kind = Kind.PARAMETER;
      return;
    }
    while (j < text.length() && text.charAt(j) != '$' && isIdentifierPart(text.charAt(j))) {
      j++;
    }
    if (j < text.length() && text.charAt(j) == '$') {
      String tag = text.substring(pos, j + 1);
      int close = text.indexOf(tag, j + 1);
      pos = close < 0 ? text.length() : close + tag.length();
      kind = Kind.DOLLAR_STRING;
      return;
    }
    pos++;
    kind = Kind.PUNCTUATION;
  }

  /** PostgreSQL's whitespace: space, tab, newline, carriage return, form feed, vertical tab. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
  }

  static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  }

  static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9') || c == '$';
  }
}
