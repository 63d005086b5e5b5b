package dev.strata.postgres.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.change.Change.TypeChange;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PgTypeMapperTest {
  private final PgTypeMapper mapper = new PgTypeMapper();

  private static Column c(ColumnType type) {
    return new Column("c", type, false, Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty());
  }

  private Optional<TypeChange> change(ColumnType from, ColumnType to) {
    return mapper.typeChange(c(from), c(to));
  }

  @Test
  void widening_an_integer_is_a_safe_cast() {
    assertThat(change(ColumnType.builtin("INTEGER"), ColumnType.builtin("BIGINT"))).contains(TypeChange.SAFE_CAST);
  }

  @Test
  void shortening_a_varchar_is_a_risky_cast() {
    assertThat(change(ColumnType.builtin("VARCHAR", 20), ColumnType.builtin("VARCHAR", 5))).contains(TypeChange.RISKY_CAST);
  }

  @Test
  void boolean_to_timestamp_cannot_be_cast() {
    assertThat(change(ColumnType.builtin("BOOLEAN"), ColumnType.builtin("TIMESTAMP", 3))).contains(TypeChange.NOT_CASTABLE);
  }

  @Test
  void a_scalar_becoming_a_list_cannot_be_cast_but_a_list_becoming_text_can() {
    assertThat(change(ColumnType.builtin("TEXT"), ColumnType.builtin("TEXT").asArray())).contains(TypeChange.NOT_CASTABLE);
    assertThat(change(ColumnType.builtin("TEXT").asArray(), ColumnType.builtin("TEXT"))).contains(TypeChange.SAFE_CAST);
  }

  @Test
  void timestamp_precision_left_unspecified_is_no_change() {
    assertThat(change(ColumnType.builtin("TIMESTAMP", 3), ColumnType.builtin("TIMESTAMP"))).isEmpty();
  }

  @Test
  void switching_enums_cannot_be_cast() {
    assertThat(change(ColumnType.enumRef("public", "A"), ColumnType.enumRef("public", "B"))).contains(TypeChange.NOT_CASTABLE);
    assertThat(change(ColumnType.enumRef("public", "A"), ColumnType.enumRef("public", "A"))).isEmpty();
  }

  @Test
  void warnings_name_types_as_prisma_native_types() {
    assertThat(mapper.displayType(c(ColumnType.builtin("VARCHAR", 5)))).isEqualTo("VarChar(5)");
    assertThat(mapper.displayType(c(ColumnType.builtin("DOUBLE PRECISION")))).isEqualTo("DoublePrecision");
  }
}
