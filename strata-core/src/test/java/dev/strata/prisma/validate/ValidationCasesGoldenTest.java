package dev.strata.prisma.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.Diagnostic;
import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.parse.PrismaParser;
import dev.strata.prisma.validate.PrismaValidationConformanceTest.Line;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs every schema of {@code src/test/resources/validation-cases}: our own cases, each ending in
 * the block of diagnostics the real Prisma 7 printed for it (see the README there). Strata must
 * report exactly those errors and warnings: same lines, same messages.
 */
class ValidationCasesGoldenTest {
  private static final Path CASES = Path.of("src", "test", "resources", "validation-cases");
  private static final Comparator<Line> ORDER =
      Comparator.comparingInt(Line::line).thenComparing(Line::message).thenComparing(Line::error);

  @Test
  void every_validation_case_gets_prismas_diagnostics() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(CASES)) {
      files = walk.filter(p -> p.toString().endsWith(".prisma")).sorted().toList();
    }
    List<String> failures = new ArrayList<>();
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(text).as("%s has Prisma's verdict at its end (regenerate it)", file)
          .containsPattern("\n// (valid|error|warning)");
      List<Line> expected = PrismaValidationConformanceTest.expectedBlock(text).stream().sorted(ORDER).toList();
      List<Line> actual = validate(text).stream().sorted(ORDER).toList();
      if (!expected.equals(actual)) {
        failures.add(CASES.relativize(file) + "\n    want " + expected + "\n    got  " + actual);
      }
    }
    System.out.printf("[strata] validation-cases: %d/%d agree with Prisma 7%n", files.size() - failures.size(), files.size());
    assertThat(files).hasSizeGreaterThan(20);
    assertThat(failures).isEmpty();
  }

  private static List<Line> validate(String text) {
    Diagnostics diagnostics = new Diagnostics();
    PrismaSchema schema = PrismaParser.parse(List.of(new SourceFile("schema.prisma", text)), diagnostics);
    PrismaValidator.validate(schema, diagnostics);
    return diagnostics.sorted().stream()
        .map((Diagnostic d) -> new Line(d.isError(), d.span().startLine(), d.message()))
        .toList();
  }
}
