package dev.strata.prisma.lower;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.DiagnosticRenderer;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.Table;
import java.util.List;

/** Helpers for lowering tests: validate a schema text (it must be valid), then lower it. */
final class LoweringTesting {
  private LoweringTesting() {}

  static final String DATASOURCE = "datasource db {\n  provider = \"postgresql\"\n}\n\n";

  /** Lowers {@code body} after a plain PostgreSQL datasource. */
  static DatabaseSchema lower(String body) {
    return lowerSchema(DATASOURCE + body);
  }

  /** Lowers a whole schema text, which must validate without errors. */
  static DatabaseSchema lowerSchema(String text) {
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(List.of(new SourceFile("schema.prisma", text)));
    assertThat(checked.hasErrors())
        .as("the test schema is valid:\n%s", new DiagnosticRenderer(false).render(checked.diagnostics()))
        .isFalse();
    return PrismaLowering.lower(checked.schema());
  }

  static Table table(DatabaseSchema schema, String name) {
    return schema.tables().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no table " + name + " in " + schema.tables().stream().map(Table::name).toList()));
  }
}
