package dev.strata.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON documents keep their keys in the order written, whatever the JVM's hash seed. */
class JsonTest {
  @Test
  void an_object_keeps_the_order_of_its_keys() {
    String text = Json.write(Json.object("schema", "public", "table", "User", "rows", 3, "a", null));
    assertThat(text.indexOf("\"schema\"")).isLessThan(text.indexOf("\"table\""));
    assertThat(text.indexOf("\"table\"")).isLessThan(text.indexOf("\"rows\""));
    assertThat(text.indexOf("\"rows\"")).isLessThan(text.indexOf("\"a\""));
    assertThat(List.copyOf(Json.object("z", 1, "y", 2, "x", 3).keySet())).containsExactly("z", "y", "x");
  }

  @Test
  void keys_and_values_come_in_pairs() {
    assertThatThrownBy(() -> Json.object("lonely")).isInstanceOf(IllegalArgumentException.class);
  }
}
