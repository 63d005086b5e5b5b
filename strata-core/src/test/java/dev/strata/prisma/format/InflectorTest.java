package dev.strata.prisma.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InflectorTest {

  @Test
  void camel_cases_model_names_for_new_field_names() {
    assertThat(Inflector.camelCase("PostableEntity")).isEqualTo("postableEntity");
    assertThat(Inflector.camelCase("Post2")).isEqualTo("post2");
    assertThat(Inflector.camelCase("user_profile")).isEqualTo("userProfile");
  }

  // Every expectation below is what Prisma 7.10's `prisma format` named the field it added.
  @Test
  void lowercases_a_leading_run_of_capitals_as_a_whole() {
    assertThat(Inflector.camelCase("APIKey")).isEqualTo("apikey");
    assertThat(Inflector.camelCase("HTTPRequest")).isEqualTo("httprequest");
    assertThat(Inflector.camelCase("OAuthToken")).isEqualTo("oauthToken");
    assertThat(Inflector.camelCase("GPSData")).isEqualTo("gpsdata");
    assertThat(Inflector.camelCase("ABCDe")).isEqualTo("abcde");
    assertThat(Inflector.camelCase("UUIDv4")).isEqualTo("uuidv4");
  }

  @Test
  void keeps_later_runs_of_capitals() {
    assertThat(Inflector.camelCase("MyURL")).isEqualTo("myURL");
    assertThat(Inflector.camelCase("UserID")).isEqualTo("userID");
    assertThat(Inflector.camelCase("mixedCASEName")).isEqualTo("mixedCASEName");
    assertThat(Inflector.camelCase("ABCdEF")).isEqualTo("abcdEF");
  }

  @Test
  void starts_a_word_after_a_digit_or_an_underscore() {
    assertThat(Inflector.camelCase("User2FA")).isEqualTo("user2FA");
    assertThat(Inflector.camelCase("user_2fa")).isEqualTo("user2Fa");
    assertThat(Inflector.camelCase("USER_PROFILE")).isEqualTo("userProfile");
    assertThat(Inflector.camelCase("Ab_cd_EF")).isEqualTo("abCdEF");
    assertThat(Inflector.camelCase("A__B")).isEqualTo("aB");
    assertThat(Inflector.camelCase("x_")).isEqualTo("x");
  }

  @Test
  void decides_a_new_word_on_the_last_letter_copied_as_it_was() {
    // After a digit or a word start, the letter that counts is still the one before them.
    assertThat(Inflector.camelCase("Ab2cD")).isEqualTo("ab2CD");
    assertThat(Inflector.camelCase("X2yZ")).isEqualTo("x2Yz");
    assertThat(Inflector.camelCase("Ab_CD")).isEqualTo("abCD");
    assertThat(Inflector.camelCase("AB_cD")).isEqualTo("abCd");
  }

  @Test
  void pluralises_like_prisma() {
    assertThat(Inflector.plural("post2")).isEqualTo("post2s");
    assertThat(Inflector.plural("category")).isEqualTo("categories");
    assertThat(Inflector.plural("address")).isEqualTo("addresses");
    assertThat(Inflector.plural("documentMeta")).isEqualTo("documentMetas");
    assertThat(Inflector.plural("person")).isEqualTo("people");
    assertThat(Inflector.plural("news")).isEqualTo("news");
    assertThat(Inflector.plural(Inflector.camelCase("APIKey"))).isEqualTo("apikeys");
    assertThat(Inflector.plural(Inflector.camelCase("GPSData"))).isEqualTo("gpsdata");
    assertThat(Inflector.plural(Inflector.camelCase("User2FA"))).isEqualTo("user2FAs");
  }
}
