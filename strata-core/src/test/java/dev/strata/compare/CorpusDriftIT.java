package dev.strata.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code migrate diff --from-migrations <history> --to-schema <schema>} on the eight corpus
 * projects, in process (SchemaResolver + Comparison, histories replayed into embedded shadow
 * databases), must reach Prisma 7's own verdicts ({@code conformance/corpus-drift}): no change for
 * six projects, and byte for byte Prisma's script for umami and hoppscotch.
 */
class CorpusDriftIT {
  /** Projects whose verdict is a script; the others must show no change. */
  private static final Map<String, String> SCRIPTS = Map.of(
      "umami-software__umami", "umami-software__umami.sql",
      "hoppscotch__hoppscotch", "hoppscotch__hoppscotch.sql");

  private static final Map<String, String> FIGURES = new ConcurrentSkipListMap<>();

  @TestFactory
  Stream<DynamicTest> each_history_diffs_against_its_schema_as_prisma_says() {
    Path verdicts = SharedData.conformance("corpus-drift");
    return CorpusProjects.all().stream().map(project -> DynamicTest.dynamicTest(project.name(), () -> {
      long started = System.nanoTime();
      SchemaResolver.Resolved resolved =
          new SchemaResolver(new EmbeddedShadows()).resolve(project.migrationsSource(), project.schemaSource());
      Comparison comparison = Comparison.of(resolved.from(), resolved.to());
      long millis = (System.nanoTime() - started) / 1_000_000;

      Optional<String> expectedFile = Optional.ofNullable(SCRIPTS.get(project.name()));
      FIGURES.put(project.name(), String.format("%6d ms  %3d tables  %s", millis, resolved.to().tables().size(),
          expectedFile.isPresent() ? comparison.changes().size() + " changes (expected script)" : "no change expected, "
              + comparison.changes().size() + " changes"));
      if (expectedFile.isEmpty()) {
        assertThat(comparison.script()).as(project.name() + ": Prisma reports no difference").isEqualTo("-- This is an empty migration.");
        assertThat(comparison.isEmpty()).as(project.name() + " is empty").isTrue();
      } else {
        // Prisma's CLI prints the engine's script followed by two newlines; the files hold its output.
        String expected = read(verdicts.resolve(expectedFile.get()));
        assertThat(comparison.script() + "\n\n").as(project.name() + ": Prisma's script").isEqualTo(expected);
      }
    }));
  }

  @AfterAll
  static void print_figures() {
    System.out.println("[strata] corpus drift (migrations → schema, embedded shadow):");
    new TreeMap<>(FIGURES).forEach((name, line) -> System.out.printf("  %-24s %s%n", name, line));
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
