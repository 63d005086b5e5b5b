package dev.strata.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.schema.DatabaseSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of {@code src/test/resources/diff-cases}: lowers {@code from.prisma} and {@code
 * to.prisma} (a case without {@code from.prisma} starts from {@code --from-empty}), diffs, plans
 * and renders, and compares with {@code expected.sql} (what Prisma 7's
 * {@code migrate diff --script} printed; see the README there) byte for byte. Cases listed in
 * {@code known-failures.txt} may fail; an unlisted failure, or a listed case that passes, fails.
 */
class DiffCasesGoldenTest {
  private static final Path CASES = Path.of("src", "test", "resources", "diff-cases");

  @Test
  void every_diff_case_renders_what_prisma_renders() throws IOException {
    Map<String, String> known = MigrationGolden.knownFailures(CASES.resolve("known-failures.txt"));
    List<String> unexpected = new ArrayList<>();
    List<String> fixedButListed = new ArrayList<>();
    int passed = 0;
    int total = 0;
    List<Path> dirs;
    try (Stream<Path> s = Files.list(CASES)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    for (Path dir : dirs) {
      total++;
      String name = dir.getFileName().toString();
      String expected = MigrationGolden.read(dir.resolve("expected.sql"));
      String actual;
      try {
        // A case without from.prisma is `migrate diff --from-empty`: no namespace at all.
        actual = MigrationGolden.script(
            Files.exists(dir.resolve("from.prisma"))
                ? MigrationGolden.lower("from.prisma", MigrationGolden.read(dir.resolve("from.prisma")))
                : DatabaseSchema.withoutNamespaces(),
            MigrationGolden.lower("to.prisma", MigrationGolden.read(dir.resolve("to.prisma"))));
      } catch (RuntimeException | AssertionError e) {
        actual = "<" + e + ">";
      }
      boolean ok = expected.equals(actual);
      if (ok) {
        passed++;
        if (known.containsKey(name)) {
          fixedButListed.add(name);
        }
      } else if (!known.containsKey(name)) {
        unexpected.add(name + " " + MigrationGolden.firstDifference(expected, actual));
      }
    }
    System.out.printf("[strata] diff-cases: %d/%d byte-identical to Prisma 7 (%d known failures)%n", passed, total, known.size());
    assertThat(total).isGreaterThan(20);
    assertThat(unexpected).as("unexpected failures").isEmpty();
    assertThat(fixedButListed).as("cases that pass but are listed in known-failures.txt").isEmpty();
  }
}
