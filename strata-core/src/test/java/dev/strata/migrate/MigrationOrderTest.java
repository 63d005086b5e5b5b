package dev.strata.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MigrationOrderTest {

  @Test
  void sorts_like_javascript_locale_compare_on_names_sorted_by_node() throws IOException {
    List<String> expected;
    try (InputStream in = getClass().getResourceAsStream("prisma-folder-order.txt")) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
    }
    assertThat(expected).hasSizeGreaterThan(300);
    for (long seed = 0; seed < 5; seed++) {
      List<String> shuffled = new ArrayList<>(expected);
      Collections.shuffle(shuffled, new Random(seed));
      shuffled.sort(MigrationOrder.PRISMA);
      assertThat(shuffled).containsExactlyElementsOf(expected);
      Collections.shuffle(shuffled, new Random(seed));
      shuffled.sort(Comparator.comparing(MigrationOrder::keyOf));
      assertThat(shuffled).as("sorted by keys").containsExactlyElementsOf(expected);
      Collections.shuffle(shuffled, new Random(seed));
      assertThat(MigrationOrder.sorted(shuffled, name -> name)).as("sorted by precomputed keys").containsExactlyElementsOf(expected);
    }
  }

  @Test
  void puts_a_date_only_folder_before_timestamped_folders_of_that_day_unlike_byte_order() {
    List<String> names = new ArrayList<>(List.of("20250625101010_b", "20250625_a", "20250624235959_z"));
    names.sort(MigrationOrder.PRISMA);
    assertThat(names).containsExactly("20250624235959_z", "20250625_a", "20250625101010_b");
  }

  @Test
  void compares_letters_without_case_first_and_puts_lower_case_first_at_a_tie() {
    List<String> names = new ArrayList<>(List.of("1_Add_c", "1_add_b", "1_Add_b", "1_add_B"));
    names.sort(MigrationOrder.PRISMA);
    assertThat(names).containsExactly("1_add_b", "1_add_B", "1_Add_b", "1_Add_c");
  }

  @Test
  void sorts_a_space_before_an_underscore_and_punctuation_before_digits() {
    List<String> names = new ArrayList<>(List.of("2024_x", "2024 x copy", "20240", "2024-x", "2024x"));
    names.sort(MigrationOrder.PRISMA);
    assertThat(names).containsExactly("2024 x copy", "2024_x", "2024-x", "20240", "2024x");
  }

  @Test
  void is_a_consistent_total_order_on_names_the_collation_cannot_tell_apart() {
    String composed = "caf\u00e9";
    String decomposed = "cafe\u0301";
    assertThat(MigrationOrder.PRISMA.compare(composed, decomposed)).isNotZero()
        .isEqualTo(-MigrationOrder.PRISMA.compare(decomposed, composed));
    assertThat(MigrationOrder.PRISMA.compare("a\u0001b", "ab")).isNotZero();
    assertThat(MigrationOrder.PRISMA.compare("x", "x")).isZero();
  }
}
