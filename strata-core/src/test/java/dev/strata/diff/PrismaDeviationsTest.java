package dev.strata.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.Diagnostic;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.schema.DatabaseSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where Strata deliberately differs from Prisma 7 because Prisma is wrong (docs/conformance.md,
 * "Deliberate differences"). Each case was run through the real Prisma 7.10 CLI; its output is
 * quoted in the comments and must not become ours.
 */
class PrismaDeviationsTest {
  private static final String DATASOURCE = "datasource db {\n  provider = \"postgresql\"\n}\n\n";

  @Test
  void a_quote_in_a_mapped_name_is_doubled_not_left_to_break_the_statement() {
    // Prisma 7 prints `"we"ird" TEXT NOT NULL,`, which PostgreSQL rejects.
    String script = MigrationGolden.script(
        DatabaseSchema.withoutNamespaces(),
        MigrationGolden.lower("to.prisma", DATASOURCE + "model W {\n  id Int @id\n  a String @map(\"we\\\"ird\")\n}\n"));
    assertThat(script).contains("    \"we\"\"ird\" TEXT NOT NULL,\n").doesNotContain("\"we\"ird\"");
  }

  @Test
  void an_autoincrement_column_turned_into_text_drops_no_nameless_sequence() {
    // Prisma 7 (schema to schema) appends `DROP SEQUENCE "";`: it does not know the sequence's name.
    String script = MigrationGolden.script(
        MigrationGolden.lower("from.prisma", DATASOURCE + "model T {\n  id Int @id\n  seq Int @default(autoincrement())\n}\n"),
        MigrationGolden.lower("to.prisma", DATASOURCE + "model T {\n  id Int @id\n  seq String\n}\n"));
    assertThat(script).isEqualTo("""
        -- AlterTable
        ALTER TABLE "T" ALTER COLUMN "seq" DROP DEFAULT,
        ALTER COLUMN "seq" SET DATA TYPE TEXT;
        """);
  }

  @Test
  void url_and_direct_url_in_the_datasource_are_accepted_with_a_warning() {
    // Prisma 7 rejects both ("The datasource property `url` is no longer supported in schema
    // files"); Prisma 6 projects have them, and Strata reads the URL from them.
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(List.of(new SourceFile("schema.prisma",
        "datasource db {\n  provider  = \"postgresql\"\n  url       = env(\"DATABASE_URL\")\n  directUrl = env(\"DIRECT_URL\")\n}\n\nmodel A {\n  id Int @id\n}\n")));
    assertThat(checked.diagnostics()).noneMatch(Diagnostic::isError);
    // With Prisma 7's guidance as a warning, on each of the two lines.
    assertThat(checked.diagnostics()).extracting(Diagnostic::code).containsExactly("PS124", "PS124");
    assertThat(checked.diagnostics()).extracting(d -> d.span().startLine()).containsExactly(3, 4);
    assertThat(checked.diagnostics().get(0).message())
        .contains("Prisma 7 no longer supports the datasource property `url` in schema files")
        .contains("prisma.config.ts");
    assertThat(checked.diagnostics().get(1).message()).contains("`directUrl`");
  }
}
