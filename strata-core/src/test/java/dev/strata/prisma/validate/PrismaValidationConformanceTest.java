package dev.strata.prisma.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.Diagnostic;
import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.ast.ConfigBlock;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.ast.StringLiteral;
import dev.strata.prisma.parse.PrismaParser;
import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs parser and validator over every fixture of Prisma's own validation suite and compares our
 * errors and warnings with the expected block at the end of each fixture: the same lines, as many
 * on each line, with Prisma's messages (its wording is the contract; see {@link #sameMessage}).
 * Fixtures for another provider must get exactly one unsupported-provider error.
 * Failing PostgreSQL fixtures must be listed, with a reason, in {@code
 * conformance/validation-known-failures.txt}; that list must stay true in both directions.
 */
class PrismaValidationConformanceTest {
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");
  private static final Pattern HEADER = Pattern.compile("^(error|warning)(?:\\[[^\\]]*\\])?: (.*)$");
  private static final Pattern LOCATION = Pattern.compile("^\\s*-->\\s+schema\\.prisma:(\\d+)");
  private static final double REQUIRED_PASS_RATE = 0.98;

  /** One expected or actual diagnostic, reduced to what is compared. */
  record Line(boolean error, int line, String message) {}

  /** The result of one fixture. */
  record Case(String name, boolean postgres, Set<Integer> expectedErrors, Set<Integer> actualErrors,
      Set<Integer> expectedWarnings, Set<Integer> actualWarnings, long unsupportedErrors,
      List<Line> expected, List<Diagnostic> actual) {
    boolean passes() {
      return postgres ? expectedErrors.equals(actualErrors) && messagesAgree() && warningsAgree() : unsupportedErrors == 1;
    }

    /**
     * Each line has as many errors and warnings as Prisma's, with Prisma's messages (see {@link
     * #sameMessage}); our PS124 warning is left out (the fixtures predate Prisma 7).
     */
    boolean messagesAgree() {
      if (!postgres) {
        return true;
      }
      return agree(expected.stream().filter(Line::error).toList(), actual.stream().filter(Diagnostic::isError).toList())
          && agree(expected.stream().filter(l -> !l.error()).toList(), actual.stream()
              .filter(d -> !d.isError() && !d.code().equals(ValidationCodes.URL_IN_SCHEMA)).toList());
    }

    private static boolean agree(List<Line> expectedLines, List<Diagnostic> actualDiagnostics) {
      List<Line> want = new ArrayList<>(expectedLines);
      if (want.size() != actualDiagnostics.size()) {
        return false;
      }
      for (Diagnostic d : actualDiagnostics) {
        Optional<Line> match = want.stream().filter(l -> l.line() == d.span().startLine() && sameMessage(l.message(), d.message())).findFirst();
        if (match.isEmpty()) {
          return false;
        }
        want.remove(match.get());
      }
      return true;
    }

    boolean warningsAgree() {
      return expectedWarnings.equals(actualWarnings);
    }
  }

  @Test
  void validation_matches_prisma_on_its_own_fixtures() throws IOException {
    Path root = SharedData.conformance("prisma-engines/psl/validation");
    List<Path> fixtures;
    try (Stream<Path> walk = Files.walk(root)) {
      fixtures = walk.filter(p -> p.toString().endsWith(".prisma")).sorted().toList();
    }
    List<Case> cases = new ArrayList<>();
    for (Path fixture : fixtures) {
      String name = root.relativize(fixture).toString().replace('\\', '/');
      cases.add(run(name, Files.readString(fixture, StandardCharsets.UTF_8)));
    }

    List<Case> postgres = cases.stream().filter(Case::postgres).toList();
    List<Case> others = cases.stream().filter(c -> !c.postgres()).toList();
    long passed = postgres.stream().filter(Case::passes).count();
    long warningsAgree = postgres.stream().filter(Case::warningsAgree).count();
    long messagesAgree = postgres.stream().filter(Case::messagesAgree).count();
    long rejected = others.stream().filter(Case::passes).count();
    double rate = postgres.isEmpty() ? 1.0 : (double) passed / postgres.size();
    System.out.printf("validation: %d/%d postgres cases pass (%.1f%%), warnings agree on %d/%d, other providers: %d/%d rejected as unsupported%n",
        passed, postgres.size(), rate * 100, warningsAgree, postgres.size(), rejected, others.size());
    System.out.printf("validation: errors and warnings, counted per line with Prisma's messages, agree on %d/%d postgres cases%n",
        messagesAgree, postgres.size());
    for (Case c : cases) {
      if (!c.passes()) {
        System.out.println("  FAIL " + c.name() + describe(c));
      }
    }

    Map<String, String> known = knownFailures();
    Set<String> failing = postgres.stream().filter(c -> !c.passes()).map(Case::name).collect(Collectors.toCollection(TreeSet::new));
    Set<String> unlisted = new TreeSet<>(failing);
    unlisted.removeAll(known.keySet());
    Set<String> stale = new TreeSet<>(known.keySet());
    stale.removeAll(failing);

    assertThat(unlisted).as("failing PostgreSQL fixtures not listed in validation-known-failures.txt").isEmpty();
    assertThat(stale).as("fixtures listed in validation-known-failures.txt that now pass (remove them)").isEmpty();
    assertThat(rate).as("PostgreSQL pass rate").isGreaterThanOrEqualTo(REQUIRED_PASS_RATE);
    assertThat(others.stream().filter(c -> !c.passes()).map(Case::name).toList())
        .as("other-provider fixtures without exactly one unsupported-provider error")
        .isEmpty();
  }

  private static Case run(String name, String text) {
    SourceFile source = new SourceFile("schema.prisma", text);
    Diagnostics diagnostics = new Diagnostics();
    PrismaSchema schema = PrismaParser.parse(List.of(source), diagnostics);
    PrismaValidator.validate(schema, diagnostics);
    List<Diagnostic> actual = diagnostics.sorted();
    List<Line> expected = expectedBlock(text);
    Optional<String> provider = schema.datasource()
        .flatMap(ds -> ds.property("provider"))
        .flatMap(p -> p.value())
        .filter(StringLiteral.class::isInstance)
        .map(v -> ((StringLiteral) v).value());
    boolean postgres = provider.isEmpty() || provider.get().equals("postgresql") || provider.get().equals("postgres");
    return new Case(
        name,
        postgres,
        expected.stream().filter(Line::error).map(Line::line).collect(Collectors.toCollection(TreeSet::new)),
        actual.stream().filter(Diagnostic::isError).map(d -> d.span().startLine()).collect(Collectors.toCollection(TreeSet::new)),
        expected.stream().filter(l -> !l.error()).map(Line::line).collect(Collectors.toCollection(TreeSet::new)),
        // The fixtures predate Prisma 7, in which a datasource url is an error; our PS124 warning
        // about it (Prisma 7's guidance) is not one of theirs.
        actual.stream().filter(d -> !d.isError() && !d.code().equals(ValidationCodes.URL_IN_SCHEMA))
            .map(d -> d.span().startLine()).collect(Collectors.toCollection(TreeSet::new)),
        actual.stream().filter(d -> d.code().equals(ValidationCodes.UNSUPPORTED_PROVIDER)).count(),
        expected,
        actual);
  }

  /**
   * Whether Strata's message is Prisma's: the same text, or Prisma's text after the context prefix
   * Prisma puts in front of some ("Error validating model "A": ", "Error validating: ",
   * "Error parsing attribute "@id": "), which Strata shows as the diagnostic's position instead.
   * Trailing blanks are not compared.
   */
  static boolean sameMessage(String prismaText, String strataText) {
    // Trailing blanks are not compared: Prisma ends some warnings with an invisible space.
    String prisma = prismaText.stripTrailing();
    String strata = strataText.stripTrailing();
    if (prisma.equals(strata)) {
      return true;
    }
    return prisma.endsWith(strata) && PRISMA_PREFIX.matcher(prisma.substring(0, prisma.length() - strata.length())).matches();
  }

  private static final Pattern PRISMA_PREFIX = Pattern.compile("^(Error (validating|parsing)[^:]*: )+$");

  /** The trailing block of {@code // } lines: Prisma's expected diagnostics. */
  static List<Line> expectedBlock(String text) {
    String[] lines = text.split("\n", -1);
    int end = lines.length;
    while (end > 0 && lines[end - 1].isBlank()) {
      end--;
    }
    int start = end;
    while (start > 0 && lines[start - 1].startsWith("// ")) {
      start--;
    }
    List<Line> out = new ArrayList<>();
    Boolean error = null;
    String message = "";
    // A message may go on over several lines, up to a blank line or the location line.
    boolean inMessage = false;
    for (int i = start; i < end; i++) {
      String clean = ANSI.matcher(lines[i].substring(3)).replaceAll("");
      Matcher header = HEADER.matcher(clean);
      if (header.matches()) {
        error = header.group(1).equals("error");
        message = header.group(2);
        inMessage = true;
        continue;
      }
      Matcher location = LOCATION.matcher(clean);
      if (location.find() && error != null) {
        inMessage = false;
        out.add(new Line(error, Integer.parseInt(location.group(1)), message));
      } else if (inMessage && !clean.isBlank()) {
        message += "\n" + clean;
      } else {
        inMessage = false;
      }
    }
    return out;
  }

  private static String describe(Case c) {
    StringBuilder out = new StringBuilder();
    if (c.postgres()) {
      out.append("\n      expected errors ").append(c.expectedErrors()).append(" warnings ").append(c.expectedWarnings())
          .append("\n      actual   errors ").append(c.actualErrors()).append(" warnings ").append(c.actualWarnings());
    } else {
      out.append("\n      unsupported-provider errors: ").append(c.unsupportedErrors());
    }
    c.expected().forEach(l -> out.append("\n      want ").append(l.error() ? "error" : "warning").append(" @").append(l.line()).append(": ").append(l.message()));
    c.actual().forEach(d -> out.append("\n      got  ").append(d.severity().label()).append('[').append(d.code()).append("] @")
        .append(d.span().startLine()).append(": ").append(d.message()));
    return out.toString();
  }

  /** {@code fixture-path  reason} per line; {@code #} starts a comment. */
  private static Map<String, String> knownFailures() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (InputStream in = PrismaValidationConformanceTest.class.getResourceAsStream("/conformance/validation-known-failures.txt")) {
      if (in == null) {
        return out;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] parts = trimmed.split("\\s+", 2);
        out.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
    }
    return out;
  }
}
