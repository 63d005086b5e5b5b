package dev.strata.prisma.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstraintNamesTest {

  @Test
  void derives_prisma_default_names() {
    assertThat(ConstraintNames.primaryKey("User")).isEqualTo("User_pkey");
    assertThat(ConstraintNames.unique("A", List.of("a", "b"))).isEqualTo("A_a_b_key");
    assertThat(ConstraintNames.index("B", List.of("a", "b"))).isEqualTo("B_a_b_idx");
    assertThat(ConstraintNames.foreignKey("B", List.of("aId"))).isEqualTo("B_aId_fkey");
  }

  @Test
  void truncates_long_default_names_to_63_bytes_like_prisma() {
    // Verified examples from Prisma's own migration tests.
    assertThat(ConstraintNames.index("TestModelWithALongName", List.of("looooooooooooongfield", "evenLongerFieldNameWth")))
        .isEqualTo("TestModelWithALongName_looooooooooooongfield_evenLongerFiel_idx");
    assertThat(ConstraintNames.foreignKey("LinkingTableForUserAndPostWithObnoxiouslyLongNameButNotTooLong", List.of("post_id")))
        .isEqualTo("LinkingTableForUserAndPostWithObnoxiouslyLongNameButNotToo_fkey");
    assertThat(ConstraintNames.primaryKey("t".repeat(70))).hasSize(63).endsWith("_pkey");
  }

  @Test
  void never_splits_a_multibyte_character() {
    String cut = ConstraintNames.truncate("ö".repeat(40), 59);
    assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(58);
    assertThat(cut).isEqualTo("ö".repeat(29));
  }
}
