package dev.strata.prisma.validate;

import java.util.Optional;

/**
 * A JSON well-formedness check for {@code Json @default("…")} that reports problems the way
 * Prisma's engines do (Rust's serde_json): {@code key must be a string at line 1 column 2}.
 *
 * <p>Hand-written on purpose: Jackson (already a dependency) would tell valid from invalid, but
 * Prisma's message, the position it names and its nesting limit are the contract, and no JVM
 * library words its errors as serde_json does. It only checks; it builds no values.
 */
final class JsonText {
  /** serde_json's nesting limit (128 levels fail), which also keeps this recursive parser off the stack's end. */
  private static final int MAX_DEPTH = 127;

  private final String text;
  private int pos;
  private int depth;

  private JsonText(String text) {
    this.text = text;
  }

  /** Why {@code text} is not one JSON value, in serde_json's words; empty when it is. */
  static Optional<String> problem(String text) {
    JsonText p = new JsonText(text);
    try {
      p.skipWhitespace();
      p.value();
      p.skipWhitespace();
      if (p.pos < text.length()) {
        throw p.at("trailing characters", p.pos);
      }
      return Optional.empty();
    } catch (Problem e) {
      return Optional.of(e.getMessage());
    }
  }

  private static final class Problem extends RuntimeException {
    Problem(String message) {
      super(message, null, false, false);
    }
  }

  /** An error at the character at {@code index}, located as serde_json does (1-based line and column). */
  private Problem at(String message, int index) {
    int line = 1;
    int column = 0;
    int end = Math.min(index + 1, text.length());
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 0;
      } else {
        column++;
      }
    }
    return new Problem(message + " at line " + line + " column " + column);
  }

  private Problem eof(String what) {
    return at("EOF while parsing " + what, text.length() - 1);
  }

  private void skipWhitespace() {
    while (pos < text.length() && " \n\t\r".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private void value() {
    if (pos >= text.length()) {
      throw eof("a value");
    }
    char c = text.charAt(pos);
    switch (c) {
      case 'n' -> ident("null");
      case 't' -> ident("true");
      case 'f' -> ident("false");
      case '"' -> string();
      case '[' -> list();
      case '{' -> object();
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          number();
        } else {
          throw at("expected value", pos);
        }
      }
    }
  }

  private void ident(String word) {
    for (int i = 0; i < word.length(); i++, pos++) {
      if (pos >= text.length()) {
        throw eof("a value");
      }
      if (text.charAt(pos) != word.charAt(i)) {
        throw at("expected ident", pos);
      }
    }
  }

  private void number() {
    if (text.charAt(pos) == '-') {
      pos++;
    }
    if (pos >= text.length()) {
      throw eof("a value");
    }
    char c = text.charAt(pos);
    if (c == '0') {
      pos++;
      if (pos < text.length() && isDigit(text.charAt(pos))) {
        throw at("invalid number", pos);
      }
    } else if (isDigit(c)) {
      digits();
    } else {
      throw at("invalid number", pos);
    }
    if (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      requireDigits();
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      requireDigits();
    }
  }

  private void requireDigits() {
    if (pos >= text.length()) {
      throw eof("a value");
    }
    if (!isDigit(text.charAt(pos))) {
      throw at("invalid number", pos);
    }
    digits();
  }

  private void digits() {
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void string() {
    pos++; // the opening quote
    while (true) {
      if (pos >= text.length()) {
        throw eof("a string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return;
      }
      if (c < 0x20) {
        throw at("control character (\\u0000-\\u001F) found while parsing a string", pos);
      }
      if (c == '\\') {
        pos++;
        if (pos >= text.length()) {
          throw eof("a string");
        }
        char escaped = text.charAt(pos);
        if (escaped == 'u') {
          for (int i = 0; i < 4; i++) {
            pos++;
            if (pos >= text.length()) {
              throw eof("a string");
            }
            if (Character.digit(text.charAt(pos), 16) < 0) {
              throw at("invalid escape", pos);
            }
          }
        } else if ("\"\\/bfnrt".indexOf(escaped) < 0) {
          throw at("invalid escape", pos);
        }
      }
      pos++;
    }
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw at("recursion limit exceeded", pos);
    }
  }

  private void list() {
    enter();
    pos++; // [
    skipWhitespace();
    if (pos < text.length() && text.charAt(pos) == ']') {
      pos++;
      depth--;
      return;
    }
    while (true) {
      skipWhitespace();
      if (pos >= text.length()) {
        throw eof("a list");
      }
      value();
      skipWhitespace();
      if (pos >= text.length()) {
        throw eof("a list");
      }
      char c = text.charAt(pos);
      if (c == ']') {
        pos++;
        depth--;
        return;
      }
      if (c != ',') {
        throw at("expected `,` or `]`", pos);
      }
      pos++;
      skipWhitespace();
      if (pos < text.length() && text.charAt(pos) == ']') {
        throw at("trailing comma", pos);
      }
    }
  }

  private void object() {
    enter();
    pos++; // {
    skipWhitespace();
    if (pos < text.length() && text.charAt(pos) == '}') {
      pos++;
      depth--;
      return;
    }
    while (true) {
      skipWhitespace();
      if (pos >= text.length()) {
        throw eof("an object");
      }
      if (text.charAt(pos) != '"') {
        throw at("key must be a string", pos);
      }
      string();
      skipWhitespace();
      if (pos >= text.length()) {
        throw eof("an object");
      }
      if (text.charAt(pos) != ':') {
        throw at("expected `:`", pos);
      }
      pos++;
      skipWhitespace();
      value();
      skipWhitespace();
      if (pos >= text.length()) {
        throw eof("an object");
      }
      char c = text.charAt(pos);
      if (c == '}') {
        pos++;
        depth--;
        return;
      }
      if (c != ',') {
        throw at("expected `,` or `}`", pos);
      }
      pos++;
      skipWhitespace();
      if (pos < text.length() && text.charAt(pos) == '}') {
        throw at("trailing comma", pos);
      }
    }
  }
}
