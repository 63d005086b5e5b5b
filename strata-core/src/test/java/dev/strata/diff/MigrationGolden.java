package dev.strata.diff;

import dev.strata.diag.SourceFile;
import dev.strata.plan.Plan;
import dev.strata.plan.Planner;
import dev.strata.postgres.render.PgDialect;
import dev.strata.postgres.render.PgMigrationRenderer;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared plumbing of the golden runners: Prisma schema text → IR → diff → plan → SQL text. */
final class MigrationGolden {
  static final PgDialect DIALECT = new PgDialect();

  private MigrationGolden() {}

  /** Lowers a schema; fails loudly when it does not validate (fixtures are valid by construction). */
  static DatabaseSchema lower(String name, String text) {
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(List.of(new SourceFile(name, text)));
    if (checked.hasErrors()) {
      throw new AssertionError(name + " does not validate: " + checked.diagnostics());
    }
    return PrismaLowering.lower(checked.schema());
  }

  static Plan plan(DatabaseSchema from, DatabaseSchema to) {
    return new Planner(DIALECT).plan(from, to, new SchemaDiffer(DIALECT).diff(from, to));
  }

  /** What `migrate diff --script` prints for the two schemas. */
  static String script(DatabaseSchema from, DatabaseSchema to) {
    return new PgMigrationRenderer().renderScript(plan(from, to));
  }

  static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The known-failures list: `name: reason` lines; `#` starts a comment. */
  static Map<String, String> knownFailures(Path file) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String line : read(file).split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      out.put(colon < 0 ? trimmed : trimmed.substring(0, colon).strip(), colon < 0 ? "" : trimmed.substring(colon + 1).strip());
    }
    return out;
  }

  /** A first-difference summary for failure messages. */
  static String firstDifference(String expected, String actual) {
    int i = 0;
    while (i < expected.length() && i < actual.length() && expected.charAt(i) == actual.charAt(i)) {
      i++;
    }
    int from = Math.max(0, i - 60);
    return "at char " + i + "\n--- expected ---\n" + expected.substring(from, Math.min(expected.length(), i + 120))
        + "\n--- actual ---\n" + actual.substring(from, Math.min(actual.length(), i + 120));
  }
}
