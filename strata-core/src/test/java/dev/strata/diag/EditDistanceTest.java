package dev.strata.diag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditDistanceTest {
  @Test
  void levenshtein_counts_edits_and_ignores_case() {
    assertThat(EditDistance.levenshteinIgnoringCase("Strin", "String")).isEqualTo(1);
    assertThat(EditDistance.levenshteinIgnoringCase("USR", "user")).isEqualTo(1);
    assertThat(EditDistance.levenshteinIgnoringCase("ab", "ba")).isEqualTo(2);
    assertThat(EditDistance.levenshteinIgnoringCase("", "abc")).isEqualTo(3);
  }

  @Test
  void optimal_string_alignment_counts_an_adjacent_swap_as_one_edit() {
    assertThat(EditDistance.optimalStringAlignment("stauts", "status")).isEqualTo(1);
    assertThat(EditDistance.optimalStringAlignment("modle", "model")).isEqualTo(1);
    assertThat(EditDistance.optimalStringAlignment("Model", "model")).isEqualTo(1);
    assertThat(EditDistance.optimalStringAlignment("frobnicate", "migrate")).isGreaterThan(3);
  }
}
