package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.DiagnosticCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code the sources can print is explained by {@code strata explain}: what it means, why it
 * happens and what to do, not only its one-line description. The codes are collected from the
 * string literals of every main source file, so a new code without an explanation fails here.
 */
class ExplainEveryCodeTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
  private static final Pattern CODE = Pattern.compile("\\b(?:PS\\d{3}|MG\\d{3}|LN\\d{3}|BK\\d{3}|HC\\d{3}|P\\d{4})\\b");

  /** The codes in the string literals of the main sources of every module. */
  static Set<String> printableCodes() throws IOException {
    Set<String> codes = new TreeSet<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.walk(main)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
            Matcher literal = STRING_LITERAL.matcher(Files.readString(file));
            while (literal.find()) {
              Matcher code = CODE.matcher(literal.group());
              while (code.find()) {
                codes.add(code.group());
              }
            }
          }
        }
      }
    }
    return codes;
  }

  @Test
  void the_sources_print_the_codes_of_every_family() throws IOException {
    assertThat(printableCodes()).contains("P1002", "P3009", "P3011", "P3018", "MG001", "MG009", "MG010", "PS001", "PS204", "PS400")
        .hasSizeGreaterThan(150);
  }

  @Test
  void every_code_the_sources_can_print_is_explained() throws IOException {
    for (String code : printableCodes()) {
      assertThat(DiagnosticCodes.describe(code)).as("one-line description of %s", code).isPresent();
      assertThat(DiagnosticCodes.explain(code)).as("explanation of %s", code).hasValueSatisfying(text -> assertThat(text)
          .contains("What it means: ").contains("\nWhy it happens: ").contains("\nWhat to do: "));
    }
  }

  @Test
  void explain_prints_the_description_then_meaning_cause_and_remedy() {
    for (String code : new String[] {"P3018", "P3009", "P3011", "P1002", "MG009", "MG010", "PS204", "ps013"}) {
      CliRun run = CliRun.in(ROOT, "explain", code);
      assertThat(run.exitCode()).as(code + ": " + run.all()).isZero();
      assertThat(run.out()).startsWith(code.toUpperCase(java.util.Locale.ROOT) + ": ")
          .contains("\n\nWhat it means: ").contains("\n\nWhy it happens: ").contains("\n\nWhat to do: ");
      assertThat(run.out().lines().filter(l -> !l.isEmpty())).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
    }
    CliRun json = CliRun.in(ROOT, "explain", "P3018", "--json");
    assertThat(json.out()).contains("\"code\" : \"P3018\"").contains("\"explanation\" : [ \"What it means: ");
  }

  @Test
  void every_section_of_the_explanations_names_a_known_code_or_schema_family() throws IOException {
    String text;
    try (var in = DiagnosticCodes.class.getResourceAsStream("explanations.txt")) {
      text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    List<String> sections = text.lines().filter(l -> l.startsWith("## ")).map(l -> l.substring(3).strip()).toList();
    assertThat(sections).doesNotHaveDuplicates().hasSizeGreaterThan(30);
    for (String section : sections) {
      assertThat(DiagnosticCodes.describe(section).isPresent() || section.matches("PS[0-4]xx")).as(section).isTrue();
    }
    // A code with a section of its own gets it, not its family's.
    assertThat(DiagnosticCodes.explain("PS204")).hasValueSatisfying(t -> assertThat(t).contains("built-in type"));
    assertThat(DiagnosticCodes.explain("PS205")).hasValueSatisfying(t -> assertThat(t).contains("names, types and attributes"));
  }
}
