package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {

  @Test
  void reads_simple_assignments_in_file_order() {
    assertThat(EnvFile.parse("A=1\nB = two \nC=\n"))
        .containsExactly(entry("A", "1"), entry("B", "two"), entry("C", ""));
  }

  @Test
  void accepts_export_prefix_and_colon_separator() {
    assertThat(EnvFile.parse("export DATABASE_URL=postgresql://h/d\nKEY: value\nexport=plain"))
        .containsExactly(entry("DATABASE_URL", "postgresql://h/d"), entry("KEY", "value"), entry("export", "plain"));
  }

  @Test
  void skips_comments_blank_lines_and_lines_that_are_not_assignments() {
    assertThat(EnvFile.parse("# a comment\n\n   \nnot an assignment\nA=1 # trailing\nB=x#y\n  # indented"))
        .containsExactly(entry("A", "1"), entry("B", "x"));
  }

  @Test
  void keeps_hash_signs_inside_quotes() {
    assertThat(EnvFile.parse("A=\"p#ss\" # comment\nB='x#y'\nC=`z#w`"))
        .containsExactly(entry("A", "p#ss"), entry("B", "x#y"), entry("C", "z#w"));
  }

  @Test
  void expands_newlines_only_in_double_quotes() {
    assertThat(EnvFile.parse("A=\"l1\\nl2\"\nB='l1\\nl2'\nC=l1\\nl2"))
        .containsExactly(entry("A", "l1\nl2"), entry("B", "l1\\nl2"), entry("C", "l1\\nl2"));
  }

  @Test
  void reads_multi_line_quoted_values() {
    Map<String, String> vars = EnvFile.parse("KEY=\"-----BEGIN-----\nabc\n-----END-----\"\nNEXT=1");

    assertThat(vars).containsExactly(entry("KEY", "-----BEGIN-----\nabc\n-----END-----"), entry("NEXT", "1"));
  }

  @Test
  void keeps_an_escaped_quote_as_text_inside_quotes() {
    assertThat(EnvFile.parse("A=\"say \\\"hi\\\"\"")).containsExactly(entry("A", "say \\\"hi\\\""));
  }

  @Test
  void treats_an_unclosed_quote_as_part_of_an_unquoted_value() {
    assertThat(EnvFile.parse("A=\"unclosed\nB=2")).containsExactly(entry("A", "\"unclosed"), entry("B", "2"));
  }

  @Test
  void keeps_quotes_when_text_follows_the_closing_quote() {
    assertThat(EnvFile.parse("A=\"x\" y")).containsExactly(entry("A", "\"x\" y"));
  }

  @Test
  void lets_the_last_repeated_key_win() {
    assertThat(EnvFile.parse("A=1\nA=2")).containsExactly(entry("A", "2"));
  }

  @Test
  void handles_windows_line_endings_and_a_bom() {
    assertThat(EnvFile.parse("\uFEFFA=1\r\nB=\"x\r\ny\"\r\n")).containsExactly(entry("A", "1"), entry("B", "x\ny"));
  }

  @Test
  void never_throws_on_odd_input() {
    for (String odd : new String[] {"", "=", "===", "\"", "A=\"", "A='\\'", "export", "export ", "A:", "A: ", ":", "\n\n\n", "A=`", "\\"}) {
      assertThat(EnvFile.parse(odd)).as(odd).isNotNull();
    }
    assertThat(EnvFile.parse(null)).isEmpty();
  }

  @Test
  void reads_a_file(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(".env");
    Files.writeString(file, "DATABASE_URL=\"postgresql://u:p@h/d\"\n");

    EnvFile env = EnvFile.read(file);

    assertThat(env.path()).isEqualTo(file);
    assertThat(env.variables()).containsExactly(entry("DATABASE_URL", "postgresql://u:p@h/d"));
    assertThat(env.variables()).isUnmodifiable();
  }

  @Test
  void refuses_a_missing_or_huge_file_with_a_config_error(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> EnvFile.read(dir.resolve("nope.env")))
        .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG))
        .hasMessageContaining("does not exist");
    Path big = dir.resolve("big.env");
    Files.write(big, new byte[(int) EnvFile.MAX_BYTES + 1]);
    assertThatThrownBy(() -> EnvFile.read(big)).isInstanceOf(StrataException.class).hasMessageContaining("too large");
  }
}
