package dev.strata.prisma.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.parse.PrismaParser;
import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the parser and {@link RelationValidator} over Prisma's own validation fixtures that concern
 * relations on PostgreSQL (or no provider) and compares our relation diagnostics with the expected
 * block at the end of each fixture, by severity and line.
 */
class RelationConformanceTest {
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");
  private static final Pattern HEADER = Pattern.compile("^// (error|warning): (.*)$");
  private static final Pattern LOCATION = Pattern.compile("^//\\s+-->\\s+schema\\.prisma:(\\d+)");
  /** Expected diagnostics that are relation rules (the other rules belong to other validators). */
  private static final Pattern RELATION_MESSAGE =
      Pattern.compile("relation|referential action|argument `?references|argument `?fields|many-to-many");

  /**
   * Fixtures where Prisma stops before its relation checks because another validator's
   * attribute-level rule failed (here: an index on a relation field). {@link RelationValidator#validate}
   * mirrors that stop only when it is handed those diagnostics, which this test does not produce.
   */
  private static final java.util.Set<String> STOPPED_BY_OTHER_VALIDATORS =
      java.util.Set.of("attributes/index/indexes_on_relation_fields_must_error.prisma");

  /** A fixture's outcome: expected and actual (severity, line) lists of relation diagnostics. */
  record Outcome(String fixture, List<String> expected, List<String> actual) {
    boolean passed() {
      return expected.equals(actual);
    }
  }

  @Test
  void reproduces_prisma_relation_diagnostics_on_postgres_fixtures() {
    Path validation = SharedData.conformance("prisma-engines/psl/validation");
    List<Path> fixtures = new ArrayList<>();
    fixtures.addAll(list(validation.resolve("relations")));
    fixtures.addAll(list(validation.resolve("relations/postgres")));
    fixtures.addAll(list(validation.resolve("attributes/relation_mode")));
    fixtures.addAll(list(validation.resolve("views")));
    fixtures.addAll(list(validation.resolve("attributes/index/missing_index_warning/relation_mode_prisma")));
    fixtures.addAll(list(validation.resolve("attributes/index/missing_index_warning")));
    fixtures.addAll(list(validation.resolve("attributes/map")));

    List<Outcome> outcomes = new ArrayList<>();
    for (Path fixture : fixtures) {
      String text = read(fixture);
      boolean missingIndexRule = fixture.toString().contains("missing_index_warning");
      if (missingIndexRule) {
        // The missing-index rule is written against MySQL but applies to PostgreSQL the same way.
        text = text.replace("provider = \"mysql\"", "provider = \"postgresql\"")
            .replace("provider     = \"mysql\"", "provider     = \"postgresql\"");
      }
      if (!targetsPostgres(text)) {
        continue;
      }
      outcomes.add(run(validation.relativize(fixture).toString(), text));
    }

    long passed = outcomes.stream().filter(Outcome::passed).count();
    long expectedTotal = outcomes.stream().mapToLong(o -> o.expected().size()).sum();
    long reproduced = outcomes.stream().mapToLong(o -> o.expected().stream().filter(o.actual()::contains).count()).sum();
    System.out.printf("[relations] %d/%d fixtures match; %d/%d expected relation diagnostics reproduced%n",
        passed, outcomes.size(), reproduced, expectedTotal);
    outcomes.stream().filter(o -> !o.passed()).forEach(o ->
        System.out.printf("[relations] MISMATCH %s expected %s got %s%n", o.fixture(), o.expected(), o.actual()));

    assertThat(outcomes).as("postgres relation fixtures").isNotEmpty();
    assertThat(outcomes.stream().filter(o -> !o.passed()).map(Outcome::fixture)).isEmpty();
  }

  @Test
  void reports_relation_errors_only_where_prisma_reports_errors_in_any_postgres_fixture() throws IOException {
    Path validation = SharedData.conformance("prisma-engines/psl/validation");
    List<String> extra = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> all = Files.walk(validation)) {
      for (Path fixture : all.filter(p -> p.toString().endsWith(".prisma")).sorted().toList()) {
        String text = read(fixture);
        if (!targetsPostgres(text) || STOPPED_BY_OTHER_VALIDATORS.contains(validation.relativize(fixture).toString())) {
          continue;
        }
        checked++;
        List<Integer> prismaLines = expectedLines(text);
        Diagnostics diagnostics = new Diagnostics();
        PrismaSchema schema = PrismaParser.parse(List.of(new SourceFile("schema.prisma", text)), diagnostics);
        Diagnostics relation = new Diagnostics();
        RelationValidator.validate(schema, relation);
        for (var d : relation.all()) {
          if (!prismaLines.contains(d.span().startLine())) {
            extra.add(validation.relativize(fixture) + ":" + d.span().startLine() + " " + d.code() + " " + d.message());
          }
        }
      }
    }
    System.out.printf("[relations] %d postgres fixtures checked, %d relation diagnostics where Prisma has none%n", checked, extra.size());
    assertThat(extra).isEmpty();
  }

  /** Every line on which a fixture's expected block reports an error or a warning. */
  static List<Integer> expectedLines(String text) {
    List<Integer> lines = new ArrayList<>();
    for (String raw : text.split("\n", -1)) {
      Matcher location = LOCATION.matcher(ANSI.matcher(raw).replaceAll(""));
      if (location.find()) {
        lines.add(Integer.parseInt(location.group(1)));
      }
    }
    return lines;
  }

  static Outcome run(String name, String text) {
    Diagnostics diagnostics = new Diagnostics();
    PrismaSchema schema = PrismaParser.parse(List.of(new SourceFile("schema.prisma", text)), diagnostics);
    Diagnostics relation = new Diagnostics();
    RelationValidator.validate(schema, relation);
    List<String> actual = relation.sorted().stream()
        .map(d -> d.severity().label() + "@" + d.span().startLine())
        .toList();
    return new Outcome(name, expected(text), actual);
  }

  /** The expected relation diagnostics of a fixture, as sorted {@code severity@line} strings. */
  static List<String> expected(String text) {
    TreeMap<Integer, List<String>> byLine = new TreeMap<>();
    String pendingSeverity = null;
    boolean pendingRelation = false;
    for (String raw : text.split("\n", -1)) {
      String line = ANSI.matcher(raw).replaceAll("");
      Matcher header = HEADER.matcher(line);
      if (header.find()) {
        pendingSeverity = header.group(1);
        pendingRelation = RELATION_MESSAGE.matcher(header.group(2)).find();
        continue;
      }
      Matcher location = LOCATION.matcher(line);
      if (location.find() && pendingSeverity != null) {
        if (pendingRelation) {
          int at = Integer.parseInt(location.group(1));
          byLine.computeIfAbsent(at, k -> new ArrayList<>()).add(pendingSeverity + "@" + at);
        }
        pendingSeverity = null;
      }
    }
    List<String> all = new ArrayList<>();
    byLine.values().forEach(l -> l.stream().sorted().forEach(all::add));
    return all;
  }

  private static boolean targetsPostgres(String text) {
    String datasource = datasourceBlock(text);
    if (datasource.isEmpty()) {
      return true;
    }
    Matcher p = Pattern.compile("provider\\s*=\\s*\"([^\"]+)\"").matcher(datasource);
    return !p.find() || p.group(1).equals("postgresql") || p.group(1).equals("postgres");
  }

  private static String datasourceBlock(String text) {
    int start = text.indexOf("datasource ");
    if (start < 0) {
      return "";
    }
    int end = text.indexOf('}', start);
    return end < 0 ? text.substring(start) : text.substring(start, end);
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".prisma")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
