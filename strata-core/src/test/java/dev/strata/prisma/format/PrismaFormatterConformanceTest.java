package dev.strata.prisma.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Runs the formatter over Prisma's own reformatter fixtures, the real-world corpus and the
 * validation fixtures: output must be byte-identical to {@code prisma format}, and formatting
 * must be idempotent. Cases listed in {@code conformance/format-known-failures.txt} are expected
 * to fail; the suite fails when any other case fails, or when a listed case starts passing.
 */
class PrismaFormatterConformanceTest {

  private static final List<String> KNOWN_FAILURES = FormatFixtures.knownFailures();

  @Test
  void reformatter_fixtures_are_byte_identical_and_idempotent() {
    Path root = SharedData.conformance("prisma-engines/psl/reformatter");
    Results results = new Results("reformatter");
    for (Path input : FormatFixtures.find(root, ".prisma")) {
      if (input.toString().endsWith(".reformatted.prisma")) {
        continue;
      }
      String id = "reformatter/" + root.relativize(input).toString().replace(".prisma", "");
      Path expectedPath = Path.of(input.toString().replace(".prisma", ".reformatted.prisma"));
      String expected = FormatFixtures.read(expectedPath);
      String actual = FormatFixtures.formatOne(FormatFixtures.read(input));
      String again = FormatFixtures.formatOne(expected);
      results.record(id, expected.equals(actual) && expected.equals(again), diff(expected, actual));
    }
    results.verify(14);
  }

  @Test
  void multi_file_reformatter_fixtures_are_byte_identical_file_by_file() {
    Path root = SharedData.conformance("prisma-engines/psl/reformatter_multi_file");
    Results results = new Results("reformatter_multi_file");
    for (Path dir : subdirectories(root)) {
      if (dir.getFileName().toString().endsWith(".reformatted")) {
        continue;
      }
      String id = "reformatter_multi_file/" + dir.getFileName();
      Map<String, String> expected = FormatFixtures.directory(root.resolve(dir.getFileName() + ".reformatted"));
      Map<String, String> actual = FormatFixtures.format(FormatFixtures.directory(dir));
      Map<String, String> again = FormatFixtures.format(expected);
      results.record(id, expected.equals(actual) && expected.equals(again), diff(expected.toString(), actual.toString()));
    }
    results.verify(4);
  }

  /**
   * Every corpus schema formats to Prisma's output: the file itself, or, for the files that are not
   * in Prisma's layout in their own repositories ({@code conformance/corpus-not-in-prisma-layout.txt}),
   * {@code prisma format}'s bytes stored in {@code ../shared/conformance/corpus-format/} as {@code
   * <project>.<file name>.formatted.prisma}. Where such a file's stored output is absent the case
   * cannot be judged: the test says so and is skipped after checking all the others.
   */
  @Test
  void corpus_schemas_format_to_prismas_output() {
    Path corpus = SharedData.corpus();
    Path stored = SharedData.conformance("corpus-format");
    List<String> notInPrismaLayout = FormatFixtures.resourceLines("/conformance/corpus-not-in-prisma-layout.txt");
    List<String> unjudged = new ArrayList<>();
    Results results = new Results("corpus");
    for (Map.Entry<String, Map<String, String>> project : corpusSchemas(corpus).entrySet()) {
      Map<String, String> input = project.getValue();
      Map<String, String> expected = new LinkedHashMap<>(input);
      boolean judged = true;
      for (String path : input.keySet()) {
        String name = Path.of(path).getFileName().toString().replaceFirst("\\.prisma$", "");
        Path prismaOutput = stored.resolve(project.getKey() + "." + name + ".formatted.prisma");
        if (Files.exists(prismaOutput)) {
          expected.put(path, FormatFixtures.read(prismaOutput));
        } else if (notInPrismaLayout.contains(path)) {
          judged = false;
          unjudged.add(path);
        }
      }
      Map<String, String> actual = FormatFixtures.format(input);
      boolean idempotent = FormatFixtures.format(actual).equals(actual);
      if (judged) {
        results.record("corpus/" + project.getKey(), expected.equals(actual) && idempotent, diffFirst(expected, actual));
      }
    }
    results.verify(5);
    org.junit.jupiter.api.Assumptions.assumeTrue(unjudged.isEmpty(),
        "prisma format's output for " + unjudged + " is not stored in ../shared/conformance/corpus-format/ (these files are"
            + " not in Prisma's layout in their repositories, so the file itself is not the expected output): not judged");
  }

  @Test
  void validation_fixtures_format_idempotently() {
    Path root = SharedData.conformance("prisma-engines/psl/validation");
    Results results = new Results("validation idempotence", "idempotent");
    for (Path input : FormatFixtures.find(root, ".prisma")) {
      String once = FormatFixtures.formatOne(FormatFixtures.read(input));
      String twice = FormatFixtures.formatOne(once);
      results.record("validation/" + root.relativize(input), once.equals(twice), diff(once, twice));
    }
    results.verify(1);
  }

  /** One schema per corpus project: all of its {@code .prisma} files, keyed by path relative to the corpus. */
  private static Map<String, Map<String, String>> corpusSchemas(Path corpus) {
    Map<String, Map<String, String>> projects = new TreeMap<>();
    for (Path file : FormatFixtures.find(corpus, ".prisma")) {
      Path relative = corpus.relativize(file);
      projects
          .computeIfAbsent(relative.getName(0).toString(), k -> new LinkedHashMap<>())
          .put(relative.toString(), FormatFixtures.read(file));
    }
    return projects;
  }

  private static List<Path> subdirectories(Path root) {
    try (var paths = Files.list(root)) {
      return paths.filter(Files::isDirectory).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String diffFirst(Map<String, String> expected, Map<String, String> actual) {
    for (var entry : expected.entrySet()) {
      String got = actual.getOrDefault(entry.getKey(), "<missing>");
      if (!got.equals(entry.getValue())) {
        return entry.getKey() + ": " + diff(entry.getValue(), got);
      }
    }
    return "idempotence";
  }

  /** The first differing line, for the failure message. */
  static String diff(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String el = i < e.length ? e[i] : "<eof>";
      String al = i < a.length ? a[i] : "<eof>";
      if (!el.equals(al)) {
        return "line " + (i + 1) + ":\n    expected: [" + el + "]\n    actual:   [" + al + "]";
      }
    }
    return "(identical)";
  }

  /** Pass/fail bookkeeping for one suite, checked against the known-failures list. */
  private static final class Results {
    private final String suite;
    private final List<String> passed = new ArrayList<>();
    private final Map<String, String> failed = new LinkedHashMap<>();

    private final String verdict;

    Results(String suite) {
      this(suite, "byte-identical");
    }

    Results(String suite, String verdict) {
      this.suite = suite;
      this.verdict = verdict;
    }

    void record(String id, boolean ok, String detail) {
      if (ok) {
        passed.add(id);
      } else {
        failed.put(id, detail);
      }
    }

    void verify(int minimumCases) {
      int total = passed.size() + failed.size();
      System.out.println("[format] " + suite + ": " + passed.size() + "/" + total + " " + verdict);
      failed.forEach((id, detail) -> System.out.println("[format]   FAIL " + id + " " + detail));
      assertThat(total).as("cases found in " + suite).isGreaterThanOrEqualTo(minimumCases);
      List<String> unexpected = failed.keySet().stream().filter(id -> !KNOWN_FAILURES.contains(id)).toList();
      List<String> nowPassing = passed.stream().filter(KNOWN_FAILURES::contains).toList();
      assertThat(unexpected).as("unexpected failures in " + suite + ": " + failed).isEmpty();
      assertThat(nowPassing).as("listed as known failures but passing now; remove them from the list").isEmpty();
    }
  }
}
