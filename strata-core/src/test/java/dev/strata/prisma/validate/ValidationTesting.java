package dev.strata.prisma.validate;

import dev.strata.diag.Diagnostic;
import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.parse.PrismaParser;
import java.util.List;

/** Test helpers: parse and validate schema text, and describe diagnostics compactly. */
final class ValidationTesting {
  private ValidationTesting() {}

  static final String POSTGRES = "datasource db {\n  provider = \"postgresql\"\n}\n";

  /** Parses and validates one file; returns every diagnostic in source order. */
  static List<Diagnostic> check(String text) {
    Diagnostics diagnostics = new Diagnostics();
    PrismaSchema schema = PrismaParser.parse(List.of(new SourceFile("schema.prisma", text)), diagnostics);
    PrismaValidator.validate(schema, diagnostics);
    return diagnostics.sorted();
  }

  /** Validates {@code body} after a PostgreSQL datasource (lines 1–3), so body line 1 is line 4. */
  static List<Diagnostic> checkPostgres(String body) {
    return check(POSTGRES + body);
  }

  static List<Diagnostic> errors(List<Diagnostic> all) {
    return all.stream().filter(Diagnostic::isError).toList();
  }

  static List<Diagnostic> warnings(List<Diagnostic> all) {
    return all.stream().filter(d -> !d.isError()).toList();
  }

  /** {@code CODE@line} for each diagnostic, e.g. {@code PS204@6}. */
  static List<String> codesAndLines(List<Diagnostic> all) {
    return all.stream().map(d -> d.code() + "@" + d.span().startLine()).toList();
  }
}
