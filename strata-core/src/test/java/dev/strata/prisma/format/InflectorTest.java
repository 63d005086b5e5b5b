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

  @Test
  void pluralises_like_prisma() {
    assertThat(Inflector.plural("post2")).isEqualTo("post2s");
    assertThat(Inflector.plural("category")).isEqualTo("categories");
    assertThat(Inflector.plural("address")).isEqualTo("addresses");
    assertThat(Inflector.plural("documentMeta")).isEqualTo("documentMetas");
    assertThat(Inflector.plural("person")).isEqualTo("people");
    assertThat(Inflector.plural("news")).isEqualTo("news");
  }
}
