package dev.strata.postgres.inspect;

import dev.strata.schema.ColumnType;
import dev.strata.schema.DefaultValue;
import dev.strata.schema.DefaultValue.LiteralKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a column default as PostgreSQL prints it ({@code pg_get_expr}) into a {@link DefaultValue}.
 *
 * <p>A default counts as a literal only when it is one constant wrapped in nothing but parentheses
 * and casts ({@code 'x'::character varying}, {@code ('-1'::integer)}); the column's type, not the
 * cast, decides the literal kind, because PostgreSQL prints the same constant with different casts
 * depending on how it was written. Anything else stays an expression in PostgreSQL's own text.
 */
final class PgDefaults {
  private PgDefaults() {}

  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  /** Parses {@code expression} for a column of type {@code type}; never throws. */
  static DefaultValue parse(String expression, ColumnType type) {
    String text = expression == null ? "" : expression.strip();
    try {
      return parseOrNull(text, type).orElseGet(() -> new DefaultValue.Expression(text));
    } catch (RuntimeException unexpected) {
      // A shape this parser did not foresee is still a valid default: keep PostgreSQL's text.
      return new DefaultValue.Expression(text);
    }
  }

  private static Optional<DefaultValue> parseOrNull(String text, ColumnType type) {
    if (text.equalsIgnoreCase("CURRENT_TIMESTAMP") || text.equalsIgnoreCase("now()")) {
      return Optional.of(new DefaultValue.Now());
    }
    if (text.regionMatches(true, 0, "nextval(", 0, 8) && text.endsWith(")")) {
      return sequenceName(text.substring(8, text.length() - 1)).map(DefaultValue.NextVal::new);
    }
    LiteralKind kind = kindOf(type);
    if (kind == null) {
      return Optional.empty();
    }
    if (type.array()) {
      return listLiteral(text, kind).map(values -> new DefaultValue.ListLiteral(values));
    }
    return scalar(text, kind).map(value -> new DefaultValue.Literal(kind, value));
  }

  /** How a constant of this column type is written, or null when the type has no literal form here. */
  static LiteralKind kindOf(ColumnType type) {
    if (type.kind() == ColumnType.Kind.ENUM) {
      return LiteralKind.ENUM_VALUE;
    }
    if (type.kind() != ColumnType.Kind.BUILTIN) {
      return null;
    }
    return switch (type.name()) {
      case "TEXT", "VARCHAR", "CHAR", "UUID", "XML", "INET", "CITEXT", "BIT", "VARBIT" -> LiteralKind.STRING;
      case "INTEGER", "SMALLINT", "BIGINT", "OID", "DOUBLE PRECISION", "REAL", "DECIMAL", "MONEY" -> LiteralKind.NUMBER;
      case "BOOLEAN" -> LiteralKind.BOOLEAN;
      case "TIMESTAMP", "TIMESTAMPTZ", "DATE", "TIME", "TIMETZ" -> LiteralKind.DATETIME;
      case "JSON", "JSONB" -> LiteralKind.JSON;
      case "BYTEA" -> LiteralKind.BYTES;
      default -> null;
    };
  }

  /** The value of a single constant of the given kind, or empty when {@code text} is not one. */
  private static Optional<String> scalar(String text, LiteralKind kind) {
    Optional<Token> constant = soleConstant(text);
    if (constant.isEmpty()) {
      return Optional.empty();
    }
    Token token = constant.get();
    return switch (kind) {
      case NUMBER -> NUMBER.matcher(token.text).matches() ? Optional.of(token.text) : Optional.empty();
      case BOOLEAN -> bool(token.text);
      default -> token.quoted ? Optional.of(token.text) : Optional.empty();
    };
  }

  private static Optional<String> bool(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "t" -> Optional.of("true");
      case "false", "f" -> Optional.of("false");
      default -> Optional.empty();
    };
  }

  /** {@code ARRAY[...]} with optional casts, or a quoted array constant {@code '{a,b}'::text[]}. */
  private static Optional<List<DefaultValue.Literal>> listLiteral(String text, LiteralKind kind) {
    if (text.regionMatches(true, 0, "ARRAY[", 0, 6)) {
      int close = matching(text, 5);
      if (close < 0 || !onlyCasts(text.substring(close + 1))) {
        return Optional.empty();
      }
      List<DefaultValue.Literal> values = new ArrayList<>();
      for (String element : splitTopLevel(text.substring(6, close))) {
        Optional<String> value = scalar(element, kind);
        if (value.isEmpty()) {
          return Optional.empty();
        }
        values.add(new DefaultValue.Literal(kind, value.get()));
      }
      return Optional.of(values);
    }
    Optional<Token> constant = soleConstant(text);
    if (constant.isEmpty() || !constant.get().quoted) {
      return Optional.empty();
    }
    return arrayConstant(constant.get().text, kind);
  }

  /** PostgreSQL's array text format, one dimension: {@code {a,"b c",\"}}. */
  private static Optional<List<DefaultValue.Literal>> arrayConstant(String value, LiteralKind kind) {
    String body = value.strip();
    if (body.length() < 2 || body.charAt(0) != '{' || body.charAt(body.length() - 1) != '}') {
      return Optional.empty();
    }
    List<DefaultValue.Literal> values = new ArrayList<>();
    String inner = body.substring(1, body.length() - 1);
    int i = 0;
    while (i < inner.length() && !inner.isBlank()) {
      while (i < inner.length() && Character.isWhitespace(inner.charAt(i))) {
        i++;
      }
      StringBuilder element = new StringBuilder();
      boolean quoted = false;
      if (i < inner.length() && inner.charAt(i) == '"') {
        quoted = true;
        i++;
        while (i < inner.length() && inner.charAt(i) != '"') {
          if (inner.charAt(i) == '\\' && i + 1 < inner.length()) {
            i++;
          }
          element.append(inner.charAt(i++));
        }
        if (i >= inner.length()) {
          return Optional.empty();
        }
        i++;
      } else {
        while (i < inner.length() && inner.charAt(i) != ',') {
          char c = inner.charAt(i);
          if (c == '{' || c == '}' || c == '"') {
            return Optional.empty();
          }
          if (c == '\\' && i + 1 < inner.length()) {
            i++;
          }
          element.append(inner.charAt(i++));
        }
      }
      while (i < inner.length() && Character.isWhitespace(inner.charAt(i))) {
        i++;
      }
      if (i < inner.length()) {
        if (inner.charAt(i) != ',') {
          return Optional.empty();
        }
        i++;
      }
      String text = quoted ? element.toString() : element.toString().strip();
      if (!quoted && text.equalsIgnoreCase("NULL")) {
        // A list default cannot hold NULL in the IR: keep the whole default as an expression.
        return Optional.empty();
      }
      Optional<String> literal = switch (kind) {
        case NUMBER -> NUMBER.matcher(text).matches() ? Optional.of(text) : Optional.empty();
        case BOOLEAN -> bool(text);
        default -> Optional.of(text);
      };
      if (literal.isEmpty()) {
        return Optional.empty();
      }
      values.add(new DefaultValue.Literal(kind, literal.get()));
    }
    return Optional.of(values);
  }

  /** The sequence a {@code nextval} argument names ({@code '"Foo_id_seq"'::regclass} → Foo_id_seq). */
  private static Optional<String> sequenceName(String argument) {
    Optional<Token> constant = soleConstant(argument);
    if (constant.isEmpty() || !constant.get().quoted) {
      return Optional.empty();
    }
    String qualified = constant.get().text;
    StringBuilder name = new StringBuilder();
    int i = 0;
    while (i < qualified.length()) {
      char c = qualified.charAt(i);
      if (c == '"') {
        int end = i + 1;
        StringBuilder part = new StringBuilder();
        while (end < qualified.length()) {
          if (qualified.charAt(end) == '"') {
            if (end + 1 < qualified.length() && qualified.charAt(end + 1) == '"') {
              part.append('"');
              end += 2;
              continue;
            }
            break;
          }
          part.append(qualified.charAt(end++));
        }
        name.append(part);
        i = end + 1;
      } else {
        name.append(c);
        i++;
      }
    }
    return name.length() == 0 ? Optional.empty() : Optional.of(name.toString());
  }

  // ---- a small lexer for "constant wrapped in parentheses and casts" ----

  /** A constant: a quoted string (unescaped) or a bare word or number. */
  private record Token(String text, boolean quoted) {}

  /** The one constant in {@code text} when everything else is parentheses and casts. */
  private static Optional<Token> soleConstant(String text) {
    Token found = null;
    int depth = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(') {
        if (found != null) {
          return Optional.empty();
        }
        depth++;
        i++;
      } else if (c == ')') {
        if (--depth < 0) {
          return Optional.empty();
        }
        i++;
      } else if (c == ':' && i + 1 < n && text.charAt(i + 1) == ':') {
        if (found == null) {
          return Optional.empty();
        }
        i = skipTypeName(text, i + 2);
      } else if (found != null) {
        return Optional.empty();
      } else if (c == '\'' || ((c == 'E' || c == 'e') && i + 1 < n && text.charAt(i + 1) == '\'')) {
        boolean escapes = c != '\'';
        int start = escapes ? i + 2 : i + 1;
        StringBuilder value = new StringBuilder();
        int j = start;
        boolean closed = false;
        while (j < n) {
          char d = text.charAt(j);
          if (d == '\'') {
            if (j + 1 < n && text.charAt(j + 1) == '\'') {
              value.append('\'');
              j += 2;
              continue;
            }
            closed = true;
            break;
          }
          if (escapes && d == '\\' && j + 1 < n) {
            value.append(unescape(text.charAt(j + 1)));
            j += 2;
            continue;
          }
          value.append(d);
          j++;
        }
        if (!closed) {
          return Optional.empty();
        }
        found = new Token(value.toString(), true);
        i = j + 1;
      } else {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || "+-._".indexOf(text.charAt(j)) >= 0)) {
          j++;
        }
        if (j == i) {
          return Optional.empty();
        }
        String word = text.substring(i, j);
        if (!NUMBER.matcher(word).matches() && !word.equalsIgnoreCase("true") && !word.equalsIgnoreCase("false")) {
          return Optional.empty();
        }
        found = new Token(word, false);
        i = j;
      }
    }
    return depth == 0 && found != null ? Optional.of(found) : Optional.empty();
  }

  private static char unescape(char c) {
    return switch (c) {
      case 'n' -> '\n';
      case 't' -> '\t';
      case 'r' -> '\r';
      case 'b' -> '\b';
      case 'f' -> '\f';
      default -> c;
    };
  }

  /**
   * Skips a type name after {@code ::}: words, quoted identifiers, dots, a typmod in parentheses
   * and array brackets ({@code timestamp(3) without time zone}, {@code "s"."Enum"[]}).
   */
  private static int skipTypeName(String text, int from) {
    int i = from;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == ' ') {
        // A space continues the name only when a word follows ("double precision").
        int j = i;
        while (j < n && text.charAt(j) == ' ') {
          j++;
        }
        if (j < n && Character.isLetter(text.charAt(j))) {
          i = j;
        } else {
          return i;
        }
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '[' || c == ']') {
        i++;
      } else if (c == '"') {
        int end = text.indexOf('"', i + 1);
        if (end < 0) {
          return n;
        }
        i = end + 1;
      } else if (c == '(') {
        int end = text.indexOf(')', i);
        if (end < 0 || !text.substring(i + 1, end).matches("[\\d,\\s]*")) {
          return i;
        }
        i = end + 1;
      } else {
        return i;
      }
    }
    return i;
  }

  private static boolean onlyCasts(String rest) {
    int i = 0;
    while (i < rest.length()) {
      char c = rest.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == ':' && i + 1 < rest.length() && rest.charAt(i + 1) == ':') {
        i = skipTypeName(rest, i + 2);
      } else {
        return false;
      }
    }
    return true;
  }

  /** Index of the bracket closing the one at {@code open}, skipping quoted text; -1 when unbalanced. */
  private static int matching(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        i = skipQuoted(text, i);
      } else if (c == '[' || c == '(') {
        depth++;
      } else if (c == ']' || c == ')') {
        if (--depth == 0) {
          return c == ']' ? i : -1;
        }
      }
    }
    return -1;
  }

  private static int skipQuoted(String text, int open) {
    int i = open + 1;
    while (i < text.length()) {
      if (text.charAt(i) == '\'') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    return text.length();
  }

  private static List<String> splitTopLevel(String inner) {
    List<String> parts = new ArrayList<>();
    if (inner.isBlank()) {
      return parts;
    }
    int depth = 0;
    int start = 0;
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\'') {
        i = skipQuoted(inner, i);
      } else if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(inner.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(inner.substring(start));
    return parts;
  }
}
