package dev.strata.diff;

import static dev.strata.diff.IrFixtures.col;
import static dev.strata.diff.IrFixtures.schema;
import static dev.strata.diff.IrFixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.postgres.render.PgDialect;
import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.Index;
import dev.strata.schema.IndexColumn;
import dev.strata.schema.change.Change;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Introspection leaves PostgreSQL's default operator classes out; a Prisma schema may spell them
 * ({@code @@index([tags(ops: ArrayOps)], type: Gin)}). The differ treats both as one index.
 */
class DefaultOperatorClassTest {
  private final SchemaDiffer differ = new SchemaDiffer(new PgDialect());

  private static DatabaseSchema indexed(Column column, String method, Optional<String> opclass) {
    Index index = new Index("T_idx", false,
        List.of(new IndexColumn(column.name(), false, Optional.empty(), opclass)), method, Optional.empty(), false);
    return schema(List.of(table("T", List.of(column)).withIndexes(List.of(index))));
  }

  private static Column textArray() {
    return col("tags", ColumnType.builtin("TEXT").asArray(), false);
  }

  @Test
  void a_gin_index_on_an_array_without_a_class_equals_one_naming_array_ops() {
    DatabaseSchema inspected = indexed(textArray(), "GIN", Optional.empty());
    DatabaseSchema lowered = indexed(textArray(), "GIN", Optional.of("array_ops"));
    assertThat(differ.diff(inspected, lowered)).isEmpty();
    assertThat(differ.diff(lowered, inspected)).isEmpty();
  }

  @Test
  void a_non_default_class_is_still_a_change() {
    DatabaseSchema inspected = indexed(col("data", "JSONB"), "GIN", Optional.empty());
    DatabaseSchema lowered = indexed(col("data", "JSONB"), "GIN", Optional.of("jsonb_path_ops"));
    assertThat(differ.diff(inspected, lowered))
        .hasAtLeastOneElementOfType(Change.DropIndex.class)
        .hasAtLeastOneElementOfType(Change.AddIndex.class);
  }

  @Test
  void the_default_depends_on_the_method() {
    // int4_minmax_ops is BRIN's default for integers, but names no B-tree class.
    assertThat(differ.diff(indexed(col("n", "INTEGER"), "BRIN", Optional.empty()),
        indexed(col("n", "INTEGER"), "BRIN", Optional.of("int4_minmax_ops")))).isEmpty();
    assertThat(differ.diff(indexed(col("n", "INTEGER"), "BRIN", Optional.empty()),
        indexed(col("n", "INTEGER"), "BRIN", Optional.of("int4_bloom_ops")))).isNotEmpty();
    assertThat(differ.diff(indexed(col("n", "INTEGER"), "GIN", Optional.empty()),
        indexed(col("n", "INTEGER"), "GIN", Optional.of("int4_minmax_ops")))).isNotEmpty();
  }

  @Test
  void varchar_keys_take_the_text_class() {
    assertThat(differ.diff(indexed(col("s", "VARCHAR", 20), "BTREE", Optional.empty()),
        indexed(col("s", "VARCHAR", 20), "BTREE", Optional.of("text_ops")))).isEmpty();
    assertThat(differ.diff(indexed(col("s", "VARCHAR", 20), "SPGIST", Optional.empty()),
        indexed(col("s", "VARCHAR", 20), "SPGIST", Optional.of("TEXT_OPS")))).isEmpty();
  }

  @Test
  void inet_has_no_default_gist_class() {
    // For historical reasons PostgreSQL's GiST inet_ops is not the default for inet.
    assertThat(differ.diff(indexed(col("ip", "INET"), "GIST", Optional.empty()),
        indexed(col("ip", "INET"), "GIST", Optional.of("inet_ops")))).isNotEmpty();
  }

  @Test
  void a_column_changing_type_under_an_index_without_classes_keeps_the_index() {
    DatabaseSchema before = indexed(col("n", "INTEGER"), "BTREE", Optional.empty());
    DatabaseSchema after = indexed(col("n", "BIGINT"), "BTREE", Optional.empty());
    assertThat(differ.diff(before, after)).noneMatch(c -> c instanceof Change.DropIndex || c instanceof Change.AddIndex);
  }
}
