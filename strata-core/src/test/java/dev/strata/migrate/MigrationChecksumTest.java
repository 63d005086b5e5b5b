package dev.strata.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MigrationChecksumTest {

  @Test
  void is_the_lowercase_hex_sha256_of_the_utf8_text() {
    // Expected values from `printf … | sha256sum`.
    assertThat(MigrationChecksum.of("CREATE TABLE a ();\n"))
        .isEqualTo("1938d2212d96906efc5cae2baf4ed879f77572b701d5d14d9b6aa87e23515e55");
    assertThat(MigrationChecksum.of("é")).isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
    assertThat(MigrationChecksum.of("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void differs_between_crlf_and_lf_but_matches_either_way() {
    String lf = "CREATE TABLE a ();\nCREATE TABLE b ();\n";
    String crlf = lf.replace("\n", "\r\n");
    assertThat(MigrationChecksum.of(lf)).isNotEqualTo(MigrationChecksum.of(crlf));
    assertThat(MigrationChecksum.matches(MigrationChecksum.of(lf), crlf)).isTrue();
    assertThat(MigrationChecksum.matches(MigrationChecksum.of(crlf), lf)).isTrue();
    assertThat(MigrationChecksum.matches(MigrationChecksum.of(lf), lf + " ")).isFalse();
    assertThat(MigrationChecksum.matches("", lf)).isFalse();
  }

  @Test
  void accepts_the_legacy_checksum_that_dropped_leading_zeros_of_each_byte() {
    // sha256("SELECT 1;") = 17db4fd369edb9244b9f91d9aeed145c3d04ad8ba6e95d06247f07a63527d11a; bytes 04, 06, 07 lose their zero.
    String legacy = "17db4fd369edb9244b9f91d9aeed145c3d4ad8ba6e95d6247f7a63527d11a";
    assertThat(MigrationChecksum.matches(legacy, "SELECT 1;")).isTrue();
    assertThat(MigrationChecksum.matches(legacy, "SELECT 2;")).isFalse();
    assertThat(MigrationChecksum.matches("abc", "SELECT 1;")).isFalse();
  }
}
