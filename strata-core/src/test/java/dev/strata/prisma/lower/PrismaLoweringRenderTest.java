package dev.strata.prisma.lower;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.SourceFile;
import dev.strata.diff.SchemaDiffer;
import dev.strata.postgres.render.PgDialect;
import dev.strata.postgres.render.PgMigrationRenderer;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.schema.DatabaseSchema;
import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Lowering checked end to end: each of Prisma's postgres migration fixtures, lowered and rendered
 * from an empty database, must reproduce its {@code // Expected Migration:} block byte for byte.
 *
 * <p>Prisma's test harness connects to a per-test schema, not {@code public}; that is why its
 * multiSchema fixtures qualify and create {@code "public"}. Lowering with a default schema other
 * than {@code public} reproduces that setting, so every fixture is compared, none excused.
 */
class PrismaLoweringRenderTest {
  private static final String MARKER = "// Expected Migration:";
  /** Stands for the harness's per-test connection schema. */
  private static final String HARNESS_SCHEMA = "prisma_engines_test";

  @Test
  void lowering_and_rendering_from_empty_reproduces_every_migration_fixture() throws IOException {
    Path dir = SharedData.conformance("prisma-engines/migrations/postgres");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".prisma")).sorted().toList();
    }
    List<String> failures = new ArrayList<>();
    int compared = 0;
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int at = text.indexOf(MARKER);
      if (at < 0) {
        continue;
      }
      compared++;
      String expected = expectedBlock(text.substring(at + MARKER.length()));
      String actual = render(text.substring(0, at));
      if (!expected.equals(actual)) {
        failures.add(dir.relativize(file) + "\n--- expected ---\n" + expected + "--- actual ---\n" + actual);
      }
    }
    System.out.printf("[strata] lowering + rendering: %d/%d migration fixtures byte-identical%n", compared - failures.size(), compared);
    assertThat(compared).isEqualTo(10);
    assertThat(failures).isEmpty();
  }

  private static String render(String schemaText) {
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(List.of(new SourceFile("schema.prisma", schemaText)));
    assertThat(checked.hasErrors()).as("fixture validates: %s", checked.diagnostics()).isFalse();
    DatabaseSchema to = PrismaLowering.lower(checked.schema(), HARNESS_SCHEMA);
    DatabaseSchema from = DatabaseSchema.empty(HARNESS_SCHEMA);
    PgDialect dialect = new PgDialect();
    var plan = new dev.strata.plan.Planner(dialect).plan(from, to, new SchemaDiffer(dialect).diff(from, to));
    return new PgMigrationRenderer().renderScript(plan);
  }

  /** The comment lines after the marker with {@code // } stripped; a bare {@code //} is an empty line. */
  private static String expectedBlock(String rest) {
    StringBuilder out = new StringBuilder();
    for (String line : rest.split("\n", -1)) {
      if (line.startsWith("// ")) {
        out.append(line, 3, line.length()).append('\n');
      } else if (line.equals("//")) {
        out.append('\n');
      }
    }
    return out.toString().stripTrailing() + "\n";
  }
}
