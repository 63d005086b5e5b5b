package dev.strata.prisma.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of {@code src/test/resources/format-cases}: formats {@code input.prisma} and
 * compares it byte for byte with {@code expected.prisma}, the output of the real {@code prisma
 * format} for it; formatting {@code expected.prisma} must leave it unchanged.
 */
class FormatCasesGoldenTest {
  private static final Path CASES = Path.of("src", "test", "resources", "format-cases");

  @TestFactory
  Stream<DynamicTest> every_case_formats_like_prisma() throws Exception {
    List<Path> cases;
    try (Stream<Path> dirs = Files.list(CASES)) {
      cases = dirs.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(cases).as("cases in " + CASES).hasSizeGreaterThanOrEqualTo(10);
    return cases.stream()
        .map(
            dir ->
                DynamicTest.dynamicTest(
                    dir.getFileName().toString(),
                    () -> {
                      String expected = FormatFixtures.read(dir.resolve("expected.prisma"));
                      String actual = FormatFixtures.formatOne(FormatFixtures.read(dir.resolve("input.prisma")));
                      assertThat(actual)
                          .as("%s: %s", dir.getFileName(), PrismaFormatterConformanceTest.diff(expected, actual))
                          .isEqualTo(expected);
                      assertThat(FormatFixtures.formatOne(expected)).as("%s is stable", dir.getFileName()).isEqualTo(expected);
                    }));
  }
}
