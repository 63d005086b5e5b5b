package dev.strata.config;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The variables of one {@code .env} file, read with the rules of the {@code dotenv} package that
 * Prisma uses.
 *
 * <p>The rules: {@code KEY=value} or {@code KEY: value} per line, an optional {@code export} in
 * front, keys made of letters, digits, {@code _ . -}; {@code #} starts a comment (in an unquoted
 * value too, even without a space before it); values are trimmed; a value in single, double or
 * back quotes may span lines, and only double quotes turn {@code \n} and {@code \r} into line
 * breaks; lines that do not fit are skipped; the last of repeated keys wins. {@code ${VAR}}
 * expansion is not part of the file format: {@link Environment} applies it.
 */
public record EnvFile(Path path, Map<String, String> variables) {

  /** Larger files are refused: a {@code .env} is a handful of lines, not a data file. */
  public static final long MAX_BYTES = 1024 * 1024;

  public EnvFile {
    Objects.requireNonNull(path, "path");
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
  }

  /**
   * Reads and parses a file.
   *
   * @throws StrataException ({@link ErrorCode#CONFIG}) when it cannot be read or is too large
   */
  public static EnvFile read(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new StrataException(
            ErrorCode.CONFIG,
            "The environment file " + file + " is too large (" + size + " bytes); it should be a few lines of KEY=value.");
      }
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      return new EnvFile(file, parse(text));
    } catch (NoSuchFileException e) {
      throw new StrataException(ErrorCode.CONFIG, "The environment file " + file + " does not exist.");
    } catch (AccessDeniedException e) {
      throw new StrataException(ErrorCode.CONFIG, "Could not read the environment file " + file + ": permission denied.");
    } catch (IOException e) {
      throw new StrataException(
          ErrorCode.CONFIG, "Could not read the environment file " + file + ": " + DatabaseUrl.mask(String.valueOf(e.getMessage())));
    }
  }

  /** Parses dotenv text into its variables, in file order. Never throws. */
  public static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    String src = text.replace("\r\n", "\n").replace('\r', '\n');
    if (src.startsWith("\uFEFF")) {
      src = src.substring(1);
    }
    int n = src.length();
    int lineStart = 0;
    while (lineStart < n) {
      int next = parseEntry(src, lineStart, out);
      lineStart = next > lineStart ? next : endOfLine(src, lineStart) + 1;
    }
    return out;
  }

  /** Parses one entry starting at a line start; returns where the next line starts, or -1 to skip. */
  private static int parseEntry(String s, int start, Map<String, String> out) {
    int n = s.length();
    int i = skipWhitespace(s, start);
    if (s.startsWith("export", i) && i + 6 < n && Character.isWhitespace(s.charAt(i + 6))) {
      int afterExport = skipWhitespace(s, i + 6);
      if (afterExport < n && isKeyChar(s.charAt(afterExport))) {
        i = afterExport;
      }
    }
    int keyStart = i;
    while (i < n && isKeyChar(s.charAt(i))) {
      i++;
    }
    if (i == keyStart) {
      return -1;
    }
    String key = s.substring(keyStart, i);
    int sep = skipWhitespace(s, i);
    int valueStart;
    if (sep < n && s.charAt(sep) == '=') {
      valueStart = sep + 1;
    } else if (i < n && s.charAt(i) == ':' && i + 1 < n && Character.isWhitespace(s.charAt(i + 1))) {
      valueStart = i + 2;
    } else {
      return -1;
    }

    // A quoted value (which may start after line breaks, as the dotenv pattern allows).
    int q = skipWhitespace(s, valueStart);
    if (q < n && isQuote(s.charAt(q))) {
      char quote = s.charAt(q);
      int close = findClosingQuote(s, q, quote);
      if (close >= 0) {
        out.put(key, unquote(s.substring(q, close + 1)));
        return endOfLine(s, close + 1) + 1;
      }
    }
    // Otherwise an unquoted value, up to a comment or the end of the line.
    int end = valueStart;
    while (end < n && s.charAt(end) != '#' && s.charAt(end) != '\n') {
      end++;
    }
    out.put(key, unquote(s.substring(valueStart, end).strip()));
    return endOfLine(s, end) + 1;
  }

  /**
   * The closing quote whose tail (blanks, an optional comment, then the end of the line) is valid,
   * preferring the furthest candidate: an escaped quote ({@code \"}) counts as text unless reading
   * it as the closing quote is the only way to end the value.
   */
  private static int findClosingQuote(String s, int open, char quote) {
    int n = s.length();
    int[] candidates = new int[8];
    int count = 0;
    for (int k = open + 1; k < n; k++) {
      if (s.charAt(k) == quote) {
        if (count == candidates.length) {
          candidates = java.util.Arrays.copyOf(candidates, count * 2);
        }
        candidates[count++] = k;
        if (s.charAt(k - 1) != '\\') {
          break;
        }
      }
    }
    for (int c = count - 1; c >= 0; c--) {
      if (validTail(s, candidates[c] + 1)) {
        return candidates[c];
      }
    }
    return -1;
  }

  private static boolean validTail(String s, int from) {
    int k = from;
    while (k < s.length() && (s.charAt(k) == ' ' || s.charAt(k) == '\t' || s.charAt(k) == '\f' || s.charAt(k) == '\u000B')) {
      k++;
    }
    return k >= s.length() || s.charAt(k) == '\n' || s.charAt(k) == '#';
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && isQuote(value.charAt(0)) && value.charAt(value.length() - 1) == value.charAt(0)) {
      String inner = value.substring(1, value.length() - 1);
      return value.charAt(0) == '"' ? inner.replace("\\n", "\n").replace("\\r", "\r") : inner;
    }
    return value;
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '`';
  }

  private static boolean isKeyChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  }

  private static int skipWhitespace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int endOfLine(String s, int i) {
    int nl = s.indexOf('\n', Math.min(i, s.length()));
    return nl < 0 ? s.length() : nl;
  }
}
