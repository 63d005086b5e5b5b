package dev.strata.testkit;

import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Random, reproducible mutations of real schemas (character and line edits, stray tokens) for the
 * front end's fuzz tests.
 */
public final class SchemaMutator {
  static final String[] TOKENS = {
    "{", "}", "@@", "@", "\"", "(", ")", "[", "]", "/*", "*/", "//", "///", ",", ":", "=", "?", "!",
    "\n", "\r\n", "\t", "\\", "model X {", "enum", "type T = ", "-", ".", "\uFEFF", "é", "\uD83D\uDE00", "\uD83D"
  };


  private static List<String> seeds;

  private SchemaMutator() {}

  /** The text of every corpus schema file (skips the caller when the corpus is absent). */
  public static synchronized List<String> corpusTexts() {
    if (seeds == null) {
      Path root = SharedData.corpus();
      try (Stream<Path> walk = Files.walk(root)) {
        List<String> texts = new ArrayList<>();
        for (Path p : walk.filter(p -> p.toString().endsWith(".prisma")).sorted().toList()) {
          texts.add(Files.readString(p, StandardCharsets.UTF_8));
        }
        seeds = List.copyOf(texts);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return seeds;
  }

  public static String mutate(String text, Random random, int mutations) {
    String current = text;
    for (int m = 0; m < mutations; m++) {
      current = switch (random.nextInt(7)) {
        case 0 -> deleteChars(current, random);
        case 1 -> insertToken(current, random);
        case 2 -> duplicateChars(current, random);
        case 3 -> swapChars(current, random);
        case 4 -> deleteLine(current, random);
        case 5 -> duplicateLine(current, random);
        default -> swapLines(current, random);
      };
    }
    return current;
  }

  private static String deleteChars(String s, Random r) {
    if (s.isEmpty()) {
      return s;
    }
    int at = r.nextInt(s.length());
    int end = Math.min(s.length(), at + 1 + r.nextInt(4));
    return s.substring(0, at) + s.substring(end);
  }

  private static String insertToken(String s, Random r) {
    int at = r.nextInt(s.length() + 1);
    return s.substring(0, at) + TOKENS[r.nextInt(TOKENS.length)] + s.substring(at);
  }

  private static String duplicateChars(String s, Random r) {
    if (s.isEmpty()) {
      return s;
    }
    int at = r.nextInt(s.length());
    int end = Math.min(s.length(), at + 1 + r.nextInt(10));
    return s.substring(0, end) + s.substring(at, end) + s.substring(end);
  }

  private static String swapChars(String s, Random r) {
    if (s.length() < 2) {
      return s;
    }
    char[] chars = s.toCharArray();
    int a = r.nextInt(chars.length);
    int b = r.nextInt(chars.length);
    char t = chars[a];
    chars[a] = chars[b];
    chars[b] = t;
    return new String(chars);
  }

  private static List<String> lines(String s) {
    return new ArrayList<>(Arrays.asList(s.split("\n", -1)));
  }

  private static String deleteLine(String s, Random r) {
    List<String> lines = lines(s);
    lines.remove(r.nextInt(lines.size()));
    return String.join("\n", lines);
  }

  private static String duplicateLine(String s, Random r) {
    List<String> lines = lines(s);
    int at = r.nextInt(lines.size());
    lines.add(at, lines.get(at));
    return String.join("\n", lines);
  }

  private static String swapLines(String s, Random r) {
    List<String> lines = lines(s);
    int a = r.nextInt(lines.size());
    int b = r.nextInt(lines.size());
    String t = lines.get(a);
    lines.set(a, lines.get(b));
    lines.set(b, t);
    return String.join("\n", lines);
  }
}
