package dev.strata.prisma.pull;

import java.util.Set;

/** Prisma's rules for turning database identifiers into schema identifiers. */
final class IntrospectedNames {
  private IntrospectedNames() {}

  /** Type names Prisma reserves for its client; a table so named becomes {@code Renamed<name>}. */
  private static final Set<String> RESERVED = Set.of("PrismaClient");

  static boolean isReserved(String name) {
    return RESERVED.contains(name);
  }

  /** Whether the name is not a valid schema identifier ({@code [a-zA-Z][a-zA-Z0-9_]*}). */
  static boolean needsSanitation(String name) {
    if (name.isEmpty()) {
      return false;
    }
    if (!isAsciiLetter(name.charAt(0))) {
      return true;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_')) {
        return true;
      }
    }
    return false;
  }

  /**
   * Drops every leading character that is not an ASCII letter, then replaces each remaining
   * character outside {@code [_a-zA-Z0-9]} with {@code _} ({@code "1col"} → {@code col}, {@code
   * "col name"} → {@code col_name}). Works on code points so that one emoji gives one underscore.
   */
  static String sanitize(String name) {
    if (!needsSanitation(name)) {
      return name;
    }
    int i = 0;
    while (i < name.length() && !isAsciiLetter(name.charAt(i))) {
      i += Character.charCount(name.codePointAt(i));
    }
    StringBuilder out = new StringBuilder();
    while (i < name.length()) {
      int cp = name.codePointAt(i);
      boolean ok = cp < 128 && (isAsciiLetter((char) cp) || (cp >= '0' && cp <= '9') || cp == '_');
      out.append(ok ? (char) cp : '_');
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** A Prisma string literal with {@code "} and {@code \} escaped, and line breaks as escapes. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
