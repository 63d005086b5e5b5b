package dev.strata.diag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTest {
  @Test
  void one_is_singular_and_every_other_count_plural() {
    assertThat(Plural.of(1, "error")).isEqualTo("1 error");
    assertThat(Plural.of(0, "error")).isEqualTo("0 errors");
    assertThat(Plural.of(2, "enum")).isEqualTo("2 enums");
    assertThat(Plural.of(1, "index", "indexes")).isEqualTo("1 index");
    assertThat(Plural.of(3, "index", "indexes")).isEqualTo("3 indexes");
  }
}
