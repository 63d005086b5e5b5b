package dev.strata.embedded;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;

/** Validation, quoting and generation of database names (package-private helper). */
final class DatabaseNames {
  /** PostgreSQL truncates identifiers longer than NAMEDATALEN - 1 bytes. */
  static final int MAX_BYTES = 63;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private DatabaseNames() {}

  /** Rejects names PostgreSQL would silently truncate or cannot store. */
  static String requireValid(String name) {
    if (name == null || name.isEmpty()) {
      throw new EmbeddedPostgresException("A database name must not be empty.");
    }
    if (name.indexOf('\0') >= 0) {
      throw new EmbeddedPostgresException("A database name must not contain a NUL character.");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new EmbeddedPostgresException(
          "The database name \"" + name + "\" is longer than PostgreSQL's " + MAX_BYTES + " bytes.");
    }
    return name;
  }

  /** The name as a quoted SQL identifier. */
  static String quote(String name) {
    return '"' + requireValid(name).replace("\"", "\"\"") + '"';
  }

  /** The name as a SQL string literal (for catalog lookups). */
  static String literal(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }

  /** The name encoded for the path of a URL (JDBC and Prisma style alike). */
  static String urlPath(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * A fresh name {@code prefix_hint_random}: lower-case ASCII only, so it never needs quoting in
   * hand-written SQL, and random enough that parallel JVMs and threads never collide.
   */
  static String unique(String prefix, String hint) {
    StringBuilder cleanHint = new StringBuilder();
    for (char c : hint.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        cleanHint.append(c);
      } else if (c == '_' || c == '$' || c == '.' || c == '-') {
        if (cleanHint.length() > 0 && cleanHint.charAt(cleanHint.length() - 1) != '_') {
          cleanHint.append('_');
        }
      }
    }
    StringBuilder suffix = new StringBuilder(10);
    for (int i = 0; i < 10; i++) {
      suffix.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    int room = MAX_BYTES - prefix.length() - suffix.length() - 2;
    String hintPart = cleanHint.length() > room ? cleanHint.substring(0, room) : cleanHint.toString();
    while (hintPart.endsWith("_")) {
      hintPart = hintPart.substring(0, hintPart.length() - 1);
    }
    return hintPart.isEmpty() ? prefix + "_" + suffix : prefix + "_" + hintPart + "_" + suffix;
  }
}
