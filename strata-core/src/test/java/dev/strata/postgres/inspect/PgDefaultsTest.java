package dev.strata.postgres.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.schema.ColumnType;
import dev.strata.schema.DefaultValue;
import dev.strata.schema.DefaultValue.LiteralKind;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PgDefaultsTest {
  private static final ColumnType TEXT = ColumnType.builtin("TEXT");
  private static final ColumnType VARCHAR = ColumnType.builtin("VARCHAR", 255);
  private static final ColumnType INT = ColumnType.builtin("INTEGER");
  private static final ColumnType DECIMAL = ColumnType.builtin("DECIMAL", 65, 30);
  private static final ColumnType ENUM = ColumnType.enumRef("public", "Mood");

  private static DefaultValue.Literal lit(LiteralKind kind, String value) {
    return new DefaultValue.Literal(kind, value);
  }

  @Test
  void unescapes_doubled_quotes_in_string_literals() {
    assertThat(PgDefaults.parse("'it''s'::text", TEXT)).isEqualTo(lit(LiteralKind.STRING, "it's"));
    assertThat(PgDefaults.parse("'a \" b\"c d'::character varying", VARCHAR))
        .isEqualTo(lit(LiteralKind.STRING, "a \" b\"c d"));
  }

  @Test
  void unescapes_backslashes_in_escape_string_literals() {
    assertThat(PgDefaults.parse("E'a\\\\b\\n'::text", TEXT)).isEqualTo(lit(LiteralKind.STRING, "a\\b\n"));
  }

  @Test
  void reads_quoted_and_parenthesized_numbers_as_numbers() {
    assertThat(PgDefaults.parse("'-1'::integer", INT)).isEqualTo(lit(LiteralKind.NUMBER, "-1"));
    assertThat(PgDefaults.parse("(-1)", INT)).isEqualTo(lit(LiteralKind.NUMBER, "-1"));
    assertThat(PgDefaults.parse("1.5", DECIMAL)).isEqualTo(lit(LiteralKind.NUMBER, "1.5"));
    assertThat(PgDefaults.parse("'1e10'::numeric(65,30)", DECIMAL)).isEqualTo(lit(LiteralKind.NUMBER, "1e10"));
  }

  @Test
  void keeps_non_numeric_constants_of_number_columns_as_expressions() {
    assertThat(PgDefaults.parse("'NaN'::double precision", ColumnType.builtin("DOUBLE PRECISION")))
        .isEqualTo(new DefaultValue.Expression("'NaN'::double precision"));
  }

  @Test
  void reads_enum_values_cast_to_a_quoted_or_qualified_type() {
    assertThat(PgDefaults.parse("'SLEEPY'::\"Mood\"", ENUM)).isEqualTo(lit(LiteralKind.ENUM_VALUE, "SLEEPY"));
    assertThat(PgDefaults.parse("'SLEEPY'::\"s\".\"Mood\"", ENUM)).isEqualTo(lit(LiteralKind.ENUM_VALUE, "SLEEPY"));
  }

  @Test
  void reads_timestamp_casts_with_modifiers_and_words() {
    assertThat(PgDefaults.parse("'2020-01-01 00:00:00'::timestamp(3) without time zone", ColumnType.builtin("TIMESTAMP", 3)))
        .isEqualTo(lit(LiteralKind.DATETIME, "2020-01-01 00:00:00"));
  }

  @Test
  void reads_now_in_both_spellings_and_nextval_with_quoted_names() {
    assertThat(PgDefaults.parse("CURRENT_TIMESTAMP", ColumnType.builtin("TIMESTAMP", 3))).isEqualTo(new DefaultValue.Now());
    assertThat(PgDefaults.parse("now()", ColumnType.builtin("TIMESTAMPTZ"))).isEqualTo(new DefaultValue.Now());
    assertThat(PgDefaults.parse("nextval('\"User_id_seq\"'::regclass)", INT))
        .isEqualTo(new DefaultValue.NextVal("User_id_seq"));
    assertThat(PgDefaults.parse("nextval('other.\"Seq\"'::regclass)", INT))
        .isEqualTo(new DefaultValue.NextVal("other.Seq"));
  }

  @Test
  void keeps_operators_functions_and_concatenations_as_expressions() {
    for (String sql : List.of("('a'::text || 'b'::text)", "gen_random_uuid()", "lower('X'::text)", "'a'::text::text || 'b'")) {
      assertThat(PgDefaults.parse(sql, TEXT)).as(sql).isEqualTo(new DefaultValue.Expression(sql));
    }
  }

  @Test
  void reads_array_constants_with_quoting_and_rejects_nulls_and_nesting() {
    ColumnType texts = TEXT.asArray();
    assertThat(PgDefaults.parse("'{a,\"b c\",\"d\\\\\\\"e\"}'::text[]", texts)).isEqualTo(new DefaultValue.ListLiteral(List.of(
        lit(LiteralKind.STRING, "a"), lit(LiteralKind.STRING, "b c"), lit(LiteralKind.STRING, "d\\\"e"))));
    assertThat(PgDefaults.parse("'{a,NULL}'::text[]", texts)).isInstanceOf(DefaultValue.Expression.class);
    assertThat(PgDefaults.parse("'{{a},{b}}'::text[]", texts)).isInstanceOf(DefaultValue.Expression.class);
    assertThat(PgDefaults.parse("ARRAY['a,b'::text, 'c'::text]", texts)).isEqualTo(new DefaultValue.ListLiteral(List.of(
        lit(LiteralKind.STRING, "a,b"), lit(LiteralKind.STRING, "c"))));
  }

  @Test
  void keeps_defaults_of_unsupported_types_as_expressions() {
    assertThat(PgDefaults.parse("'{}'::int4range", ColumnType.unsupported("int4range")))
        .isEqualTo(new DefaultValue.Expression("'{}'::int4range"));
  }

  @Test
  void never_throws_on_arbitrary_text() {
    Random random = new Random(42);
    String alphabet = "'\"(){}[],:.\\ -+1aE$eARRAY::text[]nextval(";
    List<ColumnType> types = List.of(TEXT, INT, ENUM, TEXT.asArray(), INT.asArray(), ColumnType.builtin("BOOLEAN"),
        ColumnType.builtin("JSONB"), ColumnType.unsupported("x"));
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(24);
      for (int j = 0; j < length; j++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      DefaultValue value = PgDefaults.parse(sb.toString(), types.get(random.nextInt(types.size())));
      assertThat(value).isNotNull();
    }
    assertThat(PgDefaults.parse(null, TEXT)).isEqualTo(new DefaultValue.Expression(""));
  }
}
