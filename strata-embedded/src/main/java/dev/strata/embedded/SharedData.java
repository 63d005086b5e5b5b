package dev.strata.embedded;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Locates the shared conformance fixtures and corpus ({@code ../shared} beside the project). They
 * are never copied into the project; when a user clones the project alone they are absent, and the
 * suites that need them announce it and step aside (skipped, not failed): one skipped test with the
 * reason, never "Tests run: 0" (a {@code @TestFactory} gets that from {@code VisibleSkips}, a
 * {@code @MethodSource} from {@link #casesOrSkip}).
 */
public final class SharedData {
  private SharedData() {}

  /** The shared directory, or {@code null} when absent. */
  public static Path rootOrNull() {
    String prop = System.getProperty("strata.shared.dir");
    Path candidate = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
    if (!Files.isDirectory(candidate)) {
      candidate = Path.of("..", "shared");
    }
    return Files.isDirectory(candidate) ? candidate.toAbsolutePath().normalize() : null;
  }

  /** A path under the shared directory; skips the calling test (with a message) when it is absent. */
  public static Path require(String relative) {
    Path root = rootOrNull();
    Path path = root == null ? null : root.resolve(relative);
    boolean present = path != null && Files.exists(path);
    if (!present) {
      System.out.println(
          "[strata] shared test data '" + relative + "' is absent (clone ../shared beside the project to run this suite); skipping.");
    }
    assumeTrue(present, "shared test data absent: " + relative);
    return path;
  }

  public static Path conformance(String relative) {
    return require("conformance/" + relative);
  }

  public static Path corpus() {
    return require("corpus");
  }

  /**
   * The arguments of a {@code @MethodSource} that reads shared data: {@code cases} of the path under
   * the shared directory, or, when it is absent, one case named after the reason whose argument is
   * {@code null}; the test calls {@link #require} (or {@link #corpus}) first, which skips it. A source
   * that throws the assumption itself would leave the suite at "Tests run: 0".
   */
  public static Stream<?> casesOrSkip(String relative, Function<Path, ? extends Collection<?>> cases) {
    Path root = rootOrNull();
    Path path = root == null ? null : root.resolve(relative);
    if (path == null || !Files.exists(path)) {
      return Stream.of(Named.of("skipped: shared test data absent: " + relative, null));
    }
    return cases.apply(path).stream();
  }

  /**
   * Every corpus project's schema as Prisma reads it, sorted: its {@code schema.prisma}, or the
   * folder holding it when that folder has more {@code .prisma} files (a multi-file schema, as
   * rallly's); skips the calling test when the corpus is absent.
   */
  public static List<Path> corpusSchemas() throws java.io.IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(corpus())) {
      files = walk.filter(p -> p.getFileName().toString().equals("schema.prisma")).sorted().toList();
    }
    List<Path> schemas = new java.util.ArrayList<>();
    for (Path file : files) {
      try (Stream<Path> siblings = Files.walk(file.getParent())) {
        schemas.add(siblings.anyMatch(p -> p.toString().endsWith(".prisma") && !p.equals(file)) ? file.getParent() : file);
      }
    }
    return schemas;
  }
}
