package dev.strata.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared conformance fixtures and corpus ({@code ../shared} beside the project). They
 * are never copied into the project; when a user clones the project alone they are absent, and the
 * suites that need them announce it and step aside (skipped, not failed).
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
}
