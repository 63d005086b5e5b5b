package dev.strata;

import dev.strata.migrate.MigrateCodes;
import dev.strata.migrate.run.PrismaErrors;
import dev.strata.prisma.PrismaCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every diagnostic code Strata can report, across families ({@code PS} schema, {@code MG} migrate,
 * Prisma's {@code P} error codes), with its one-line description and its explanation (what it
 * means, why it happens, what to do) for {@code strata explain}.
 */
public final class DiagnosticCodes {
  private static final Map<String, String> ALL;
  private static final String EXPLANATIONS = "explanations.txt";

  static {
    Map<String, String> all = new TreeMap<>();
    all.putAll(MigrateCodes.all());
    all.putAll(PrismaCodes.all());
    all.putAll(PrismaErrors.codes());
    all.putAll(dev.strata.lint.LintRules.codes());
    ALL = Collections.unmodifiableMap(all);
  }

  private DiagnosticCodes() {}

  /** Every code with its one-line description, in code order. */
  public static Map<String, String> all() {
    return ALL;
  }

  public static Optional<String> describe(String code) {
    return Optional.ofNullable(ALL.get(normalize(code)));
  }

  /**
   * What a code means, why it happens and what to do, as paragraphs: the code's own section of
   * {@code explanations.txt}, or, for a schema code without one, its family's ({@code PS2xx}).
   * Empty for an unknown code.
   */
  public static Optional<String> explain(String code) {
    String key = normalize(code);
    if (!ALL.containsKey(key)) {
      return Optional.empty();
    }
    Map<String, String> sections = Sections.ALL;
    if (key.startsWith("LN")) {
      return dev.strata.lint.LintRules.byCode(key).map(dev.strata.lint.LintRule::explain);
    }
    String own = sections.get(key);
    if (own != null) {
      return Optional.of(own);
    }
    if (key.startsWith("PS") && key.length() == 5) {
      return Optional.ofNullable(sections.get(key.substring(0, 3) + "xx"));
    }
    return Optional.empty();
  }

  private static String normalize(String code) {
    return code.trim().toUpperCase(Locale.ROOT);
  }

  /** The sections of {@code explanations.txt}, read once on first use. */
  private static final class Sections {
    static final Map<String, String> ALL = read();

    private static Map<String, String> read() {
      try (InputStream in = DiagnosticCodes.class.getResourceAsStream(EXPLANATIONS)) {
        if (in == null) {
          throw new IllegalStateException(EXPLANATIONS + " is missing from the build");
        }
        Map<String, String> sections = new LinkedHashMap<>();
        String current = null;
        StringBuilder text = new StringBuilder();
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
          if (line.startsWith("## ")) {
            if (current != null) {
              sections.put(current, text.toString().strip());
            }
            current = line.substring(3).strip();
            text.setLength(0);
          } else if (current != null && !line.startsWith("# ")) {
            text.append(line).append('\n');
          }
        }
        if (current != null) {
          sections.put(current, text.toString().strip());
        }
        return Collections.unmodifiableMap(sections);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
