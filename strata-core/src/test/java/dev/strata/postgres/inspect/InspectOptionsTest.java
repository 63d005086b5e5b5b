package dev.strata.postgres.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InspectOptionsTest {
  @Test
  void defaults_read_the_current_schema_with_views_and_extensions() {
    InspectOptions options = InspectOptions.defaults();
    assertThat(options.defaultSchema()).isEmpty();
    assertThat(options.schemas()).isEmpty();
    assertThat(options.views()).isTrue();
    assertThat(options.extensions()).isTrue();
  }

  @Test
  void multi_schema_lists_drop_nulls_and_repeats() {
    InspectOptions options = InspectOptions.multiSchema(Arrays.asList("a", null, "b", "a"));
    assertThat(options.schemas()).containsExactly("a", "b");
  }

  @Test
  void null_parts_count_as_absent() {
    InspectOptions options = new InspectOptions(null, null, false, false);
    assertThat(options.defaultSchema()).isEqualTo(Optional.empty());
    assertThat(options.schemas()).isEqualTo(List.of());
    assertThat(InspectOptions.defaults().withDefaultSchema(null).defaultSchema()).isEmpty();
  }
}
