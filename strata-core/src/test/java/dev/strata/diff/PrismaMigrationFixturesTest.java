package dev.strata.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.SourceFile;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Prisma's own migration fixtures ({@code single_migration_tests/postgres/**.prisma}): the schema
 * migrated from an empty database must render the {@code // Expected Migration:} block byte for
 * byte. Known, explained failures are listed in {@code prisma-migrations-known-failures.txt}.
 *
 * <p>Prisma's harness migrates a database whose connection names a schema of the test's own, so
 * {@code public} is not the default schema there: a multiSchema fixture listing {@code "public"}
 * expects it created and its tables qualified, as Prisma (and Strata) render for any explicit
 * schema other than the connection's. The schemas are lowered with such a default schema.
 */
class PrismaMigrationFixturesTest {
  private static final Path KNOWN = Path.of("src", "test", "resources", "diff-cases-known", "prisma-migrations-known-failures.txt");
  private static final String MARKER = "// Expected Migration:";
  /** The default schema of Prisma's harness connection: the test's own, never one a fixture names. */
  static final String HARNESS_SCHEMA = "prisma-tests";

  @Test
  void prisma_migration_fixtures_render_their_expected_migration() throws IOException {
    Path root = SharedData.conformance("prisma-engines/migrations/postgres");
    Map<String, String> known = MigrationGolden.knownFailures(KNOWN);
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().endsWith(".prisma")).sorted().toList();
    }
    List<String> unexpected = new ArrayList<>();
    List<String> fixedButListed = new ArrayList<>();
    int passed = 0;
    for (Path file : files) {
      String name = root.relativize(file).toString().replace('\\', '/');
      String text = MigrationGolden.read(file);
      int at = text.indexOf(MARKER);
      if (at < 0) {
        continue;
      }
      String expected = expectedBlock(text.substring(at + MARKER.length()));
      String actual;
      try {
        DatabaseSchema to = lower(text.substring(0, at));
        actual = MigrationGolden.script(DatabaseSchema.empty(to.defaultSchema()), to);
      } catch (RuntimeException | AssertionError e) {
        actual = "<" + e + ">";
      }
      if (expected.equals(actual)) {
        passed++;
        if (known.containsKey(name)) {
          fixedButListed.add(name);
        }
      } else if (!known.containsKey(name)) {
        unexpected.add(name + " " + MigrationGolden.firstDifference(expected, actual));
      }
    }
    System.out.printf("[strata] prisma migration fixtures: %d/%d byte-identical (%d known failures)%n", passed, files.size(), known.size());
    assertThat(files).isNotEmpty();
    assertThat(unexpected).as("unexpected failures").isEmpty();
    assertThat(fixedButListed).as("fixtures that pass but are listed as known failures").isEmpty();
  }

  private static DatabaseSchema lower(String text) {
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(List.of(new SourceFile("schema.prisma", text)));
    if (checked.hasErrors()) {
      throw new AssertionError("schema.prisma does not validate: " + checked.diagnostics());
    }
    return PrismaLowering.lower(checked.schema(), HARNESS_SCHEMA);
  }

  /** The comment block after the marker, `// ` stripped (`//` alone is an empty line). */
  private static String expectedBlock(String rest) {
    StringBuilder out = new StringBuilder();
    for (String line : rest.split("\n", -1)) {
      if (line.startsWith("// ")) {
        out.append(line.substring(3)).append('\n');
      } else if (line.equals("//")) {
        out.append('\n');
      }
    }
    String text = out.toString();
    // Prisma's harness compares the script without its final newline handling; ours ends in ";\n".
    return text.isEmpty() ? text : text.stripTrailing() + "\n";
  }
}
