package dev.strata.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDumpsTest {
  private static final String DUMP = """
      --
      -- PostgreSQL database dump
      --
      \\restrict abc123

      SET statement_timeout = 0;
      SELECT pg_catalog.set_config('search_path', '', false);

      CREATE TABLE public."User" (
          id integer NOT NULL,
          name text NOT NULL,
          email text
      );

      CREATE INDEX "User_name_idx" ON public."User" USING btree (name);

      \\unrestrict abc123
      """;

  @Test
  void comments_settings_and_restrict_lines_are_dropped_and_statements_sorted() {
    assertThat(SchemaDumps.normalise(DUMP)).containsExactly(
        "CREATE INDEX \"User_name_idx\" ON public.\"User\" USING btree (name);",
        "CREATE TABLE public.\"User\" (\n    email text\n    id integer NOT NULL\n    name text NOT NULL\n);");
  }

  @Test
  void column_order_does_not_count_but_a_column_property_does() {
    List<String> reordered = SchemaDumps.normalise(DUMP.replace("    name text NOT NULL,\n    email text\n", "    email text,\n    name text NOT NULL\n"));
    assertThat(SchemaDumps.difference("a", SchemaDumps.normalise(DUMP), "b", reordered)).isNull();
    List<String> collated = SchemaDumps.normalise(DUMP.replace("name text NOT NULL", "name text NOT NULL COLLATE pg_catalog.\"C\""));
    assertThat(SchemaDumps.difference("a", SchemaDumps.normalise(DUMP), "b", collated))
        .startsWith("pg_dump differs: only in a: [CREATE TABLE")
        .contains("COLLATE pg_catalog.\"C\"");
  }
}
