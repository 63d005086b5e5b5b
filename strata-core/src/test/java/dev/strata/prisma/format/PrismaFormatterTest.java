package dev.strata.prisma.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrismaFormatterTest {

  @Test
  void aligns_field_columns_by_utf8_bytes() {
    String formatted = FormatFixtures.formatOne("model A {\n  ñame Int @id\n  bb String\n}\n");
    assertThat(formatted).isEqualTo("model A {\n  ñame Int    @id\n  bb    String\n}\n");
  }

  @Test
  void sorts_attributes_and_puts_block_attributes_after_one_empty_line() {
    String formatted =
        FormatFixtures.formatOne("model A {\n  id Int @map(\"x\") @id\n  @@map(\"a\")\n  @@index([id])\n}\n");
    assertThat(formatted)
        .isEqualTo("model A {\n  id Int @id @map(\"x\")\n\n  @@index([id])\n  @@map(\"a\")\n}\n");
  }

  @Test
  void keeps_exactly_one_empty_line_between_blocks_and_ends_with_a_newline() {
    String formatted = FormatFixtures.formatOne("\n\nenum E {\n  A\n}\n\n\n\nenum F {\n  B\n}");
    assertThat(formatted).isEqualTo("enum E {\n  A\n}\n\nenum F {\n  B\n}\n");
  }

  @Test
  void adds_the_missing_back_relation_field_in_the_file_of_the_model_that_receives_it() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("a.prisma", "model User {\n  id Int @id\n  posts Post[]\n}\n");
    files.put("b.prisma", "model Post {\n  id Int @id\n}\n");
    Map<String, String> formatted = FormatFixtures.format(files);
    assertThat(formatted.get("a.prisma")).isEqualTo("model User {\n  id    Int    @id\n  posts Post[]\n}\n");
    assertThat(formatted.get("b.prisma"))
        .isEqualTo(
            "model Post {\n  id     Int   @id\n  user   User? @relation(fields: [userId], references: [id])\n  userId Int?\n}\n");
  }

  @Test
  void leaves_relations_alone_when_the_schema_has_unknown_types() {
    String input = "model User {\n  id Int @id\n  posts Post[]\n  x Nope\n}\n\nmodel Post {\n  id Int @id\n}\n";
    assertThat(FormatFixtures.formatOne(input)).doesNotContain("@relation");
  }

  @Test
  void keeps_unreadable_lines_verbatim_outside_the_alignment() {
    String formatted = FormatFixtures.formatOne("model A {\n  id Int @id\n  this is not valid\n  other String\n}\n");
    assertThat(formatted).isEqualTo("model A {\n  id    Int    @id\n  this is not valid\n  other String\n}\n");
  }

  @Test
  void formats_an_empty_file_to_a_single_newline() {
    assertThat(FormatFixtures.formatOne("")).isEqualTo("\n");
  }
}
