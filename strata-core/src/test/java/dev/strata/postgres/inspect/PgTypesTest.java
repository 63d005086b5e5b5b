package dev.strata.postgres.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.schema.ColumnType;
import org.junit.jupiter.api.Test;

class PgTypesTest {
  @Test
  void maps_catalog_types_to_canonical_names_with_their_modifiers() {
    assertThat(PgTypes.columnType("character varying(255)", false, "varchar", "pg_catalog", "b"))
        .isEqualTo(ColumnType.builtin("VARCHAR", 255));
    assertThat(PgTypes.columnType("timestamp(3) without time zone", false, "timestamp", "pg_catalog", "b"))
        .isEqualTo(ColumnType.builtin("TIMESTAMP", 3));
    assertThat(PgTypes.columnType("numeric(65,30)", false, "numeric", "pg_catalog", "b"))
        .isEqualTo(ColumnType.builtin("DECIMAL", 65, 30));
    assertThat(PgTypes.columnType("double precision[]", true, "float8", "pg_catalog", "b"))
        .isEqualTo(ColumnType.builtin("DOUBLE PRECISION").asArray());
  }

  @Test
  void keeps_the_schema_of_enum_types() {
    assertThat(PgTypes.columnType("\"users\".\"UserType\"[]", true, "UserType", "users", "e"))
        .isEqualTo(ColumnType.enumRef("users", "UserType").asArray());
  }

  @Test
  void reports_lookalike_types_outside_pg_catalog_as_unsupported() {
    assertThat(PgTypes.columnType("myschema.text", false, "text", "myschema", "b"))
        .isEqualTo(ColumnType.unsupported("myschema.text"));
    assertThat(PgTypes.columnType("geometry(Point,4326)", false, "geometry", "public", "b"))
        .isEqualTo(ColumnType.unsupported("geometry(Point,4326)"));
  }

  @Test
  void ignores_malformed_modifiers() {
    assertThat(PgTypes.typeArgs("foo(bar)")).isEmpty();
    assertThat(PgTypes.typeArgs("foo(")).isEmpty();
    assertThat(PgTypes.typeArgs("foo(99999999999)")).isEmpty();
  }
}
