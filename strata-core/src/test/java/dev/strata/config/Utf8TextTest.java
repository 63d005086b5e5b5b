package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8TextTest {
  @Test
  void reads_utf8_and_keeps_a_byte_order_mark() {
    Utf8Text.Decoded read = Utf8Text.decode("\uFEFFCREATE TABLE café ();".getBytes(StandardCharsets.UTF_8));
    assertThat(read.text()).contains("\uFEFFCREATE TABLE café ();");
    assertThat(read.problem()).isEmpty();
  }

  @Test
  void names_the_byte_offset_of_a_latin1_character() {
    Utf8Text.Decoded read = Utf8Text.decode("CREATE TABLE café ();".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(read.text()).isEmpty();
    assertThat(read.problem()).contains(
        "it is not valid UTF-8 at byte offset 16 (byte 0xE9); save it as UTF-8 (it may be Latin-1 or Windows-1252)");
  }

  @Test
  void refuses_utf16_with_and_without_a_byte_order_mark() {
    assertThat(Utf8Text.decode("\uFEFFSELECT 1;".getBytes(StandardCharsets.UTF_16LE)).problem())
        .contains("it is not UTF-8: it starts with a UTF-16 byte order mark (byte offset 0)");
    assertThat(Utf8Text.decode("\uFEFFSELECT 1;".getBytes(StandardCharsets.UTF_16BE)).problem())
        .contains("it is not UTF-8: it starts with a UTF-16 byte order mark (byte offset 0)");
    assertThat(Utf8Text.decode("SELECT 1;".getBytes(StandardCharsets.UTF_16LE)).problem())
        .contains("it is not UTF-8 text: it contains a NUL byte at byte offset 1 (is it UTF-16, or binary?)");
  }

  @Test
  void a_truncated_sequence_at_the_end_is_named_too() {
    byte[] bytes = {'a', (byte) 0xC3};
    assertThat(Utf8Text.decode(bytes).problem()).hasValueSatisfying(p -> assertThat(p).startsWith("it is not valid UTF-8 at byte offset 1"));
  }
}
