package dev.strata.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatabaseNamesTest {

  @Test
  void unique_names_are_lower_case_ascii_and_fit_postgresqls_limit() {
    String name = DatabaseNames.unique("strata_test", "Very$Long.Nested-ClassName_".repeat(5));

    assertThat(name).matches("strata_test_[a-z0-9_]+_[a-z0-9]{10}");
    assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
    assertThat(name).doesNotContain("__");
  }

  @Test
  void unique_names_do_not_repeat() {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      names.add(DatabaseNames.unique("strata_test", "Same"));
    }
    assertThat(names).hasSize(1000);
  }

  @Test
  void an_empty_hint_gives_prefix_and_random_part_only() {
    assertThat(DatabaseNames.unique("strata_shadow", "")).matches("strata_shadow_[a-z0-9]{10}");
  }

  @Test
  void quotes_identifiers_by_doubling_quotes() {
    assertThat(DatabaseNames.quote("a\"b")).isEqualTo("\"a\"\"b\"");
  }

  @Test
  void rejects_empty_and_nul_names() {
    assertThatThrownBy(() -> DatabaseNames.requireValid("")).isInstanceOf(EmbeddedPostgresException.class);
    assertThatThrownBy(() -> DatabaseNames.requireValid("a\0b")).isInstanceOf(EmbeddedPostgresException.class);
    assertThatThrownBy(() -> DatabaseNames.requireValid(null)).isInstanceOf(EmbeddedPostgresException.class);
  }

  @Test
  void encodes_names_for_url_paths() {
    assertThat(DatabaseNames.urlPath("my db/ü")).isEqualTo("my%20db%2F%C3%BC");
  }
}
