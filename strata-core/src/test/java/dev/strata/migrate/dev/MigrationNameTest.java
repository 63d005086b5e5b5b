package dev.strata.migrate.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Folder names as Prisma 7's {@code migrate dev --name} made them (each pair observed on the real CLI). */
class MigrationNameTest {
  @ParameterizedTest(name = "\"{0}\" becomes \"{1}\"")
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
      "Add User-Table Ümlaut fooBar & 2 ÄÖß|add_user_table_uemlaut_foo_bar_and_2_ae_oess",
      "HTTPServer2Go|http_server2_go",
      "ABCDef|abc_def",
      "foo--bar__baz|foo_bar_baz",
      "  lead trail  |lead_trail",
      "Café résumé naïve|cafe_resume_naive",
      "日本語|''",
      "emoji 🦄 ♥ x|emoji_unicorn_love_x",
      "a.b/c:d|a_b_c_d",
      "_under_|under",
      "XMLHttpRequest|xml_http_request",
      "v2Beta3|v2_beta3",
      "ÉCOLE Ñandú Œuvre Łódź|ecole_nandu_uvre_lodz",
      "it's 50% off @ home|its_50_off_home",
      "Æsir Øre þorn Đ|aesir_ore_thorn_d"
  })
  void slugs_names_as_prisma_does(String name, String slug) {
    assertThat(MigrationName.slug(name)).isEqualTo(slug);
  }

  @Test
  void cuts_slugs_to_200_characters() {
    assertThat(MigrationName.slug("x".repeat(210))).hasSize(200);
  }

  @Test
  void folder_is_the_utc_timestamp_and_the_slug() {
    Instant at = Instant.parse("2026-01-02T03:04:05Z");
    assertThat(MigrationName.folder(at, "Init")).isEqualTo("20260102030405_init");
    assertThat(MigrationName.folder(at, "")).isEqualTo("20260102030405");
    assertThat(MigrationName.folder(at, null)).isEqualTo("20260102030405");
  }

  @Test
  void a_new_migration_is_dated_after_the_newest_existing_one_when_the_clock_is_behind() {
    Instant clock = Instant.parse("2024-02-01T00:00:00Z");
    java.util.List<String> existing = java.util.List.of("20240101000000_a", "20240301000000_c");
    String folder = MigrationName.folderAfter(clock, "b", existing);
    assertThat(folder).isEqualTo("20240301000001_b");
    assertThat(dev.strata.migrate.MigrationOrder.PRISMA.compare(folder, "20240301000000_c")).isPositive();
  }

  @Test
  void a_same_second_name_that_would_sort_first_moves_one_second_on() {
    Instant clock = Instant.parse("2024-03-01T00:00:00Z");
    assertThat(MigrationName.folderAfter(clock, "a", java.util.List.of("20240301000000_z"))).isEqualTo("20240301000001_a");
  }

  @Test
  void a_clock_ahead_of_every_migration_keeps_its_date() {
    Instant clock = Instant.parse("2024-04-01T00:00:00Z");
    assertThat(MigrationName.folderAfter(clock, "d", java.util.List.of("20240301000000_c"))).isEqualTo("20240401000000_d");
    assertThat(MigrationName.folderAfter(clock, "d", java.util.List.of())).isEqualTo("20240401000000_d");
  }
}
