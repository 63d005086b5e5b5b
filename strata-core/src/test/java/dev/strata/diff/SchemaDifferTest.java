package dev.strata.diff;

import static dev.strata.diff.IrFixtures.col;
import static dev.strata.diff.IrFixtures.fk;
import static dev.strata.diff.IrFixtures.index;
import static dev.strata.diff.IrFixtures.schema;
import static dev.strata.diff.IrFixtures.table;
import static dev.strata.diff.IrFixtures.withDefault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.postgres.render.PgDialect;
import dev.strata.schema.ColumnType;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.DefaultValue;
import dev.strata.schema.DefaultValue.LiteralKind;
import dev.strata.schema.EnumType;
import dev.strata.schema.Table;
import dev.strata.schema.change.Change;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDifferTest {
  private final SchemaDiffer differ = new SchemaDiffer(new PgDialect());

  private static DatabaseSchema one(Table t) {
    return schema(List.of(t));
  }

  @Test
  void identical_schemas_have_no_changes() {
    DatabaseSchema s = one(table("T", List.of(col("id", "INTEGER")), "id"));
    assertThat(differ.diff(s, s)).isEmpty();
  }

  @Test
  void a_renamed_table_is_a_drop_and_a_create() {
    List<Change> changes = differ.diff(one(table("A", List.of(col("id", "INTEGER")))), one(table("B", List.of(col("id", "INTEGER")))));
    assertThat(changes).hasSize(2);
    assertThat(changes).hasAtLeastOneElementOfType(Change.DropTable.class).hasAtLeastOneElementOfType(Change.CreateTable.class);
  }

  @Test
  void an_index_that_only_changes_its_name_is_renamed() {
    Table before = table("T", List.of(col("a", "TEXT"))).withIndexes(List.of(index("T_a_idx", false, "a")));
    Table after = before.withIndexes(List.of(index("my_idx", false, "a")));
    assertThat(differ.diff(one(before), one(after))).singleElement().isInstanceOf(Change.RenameIndex.class);
  }

  @Test
  void two_identical_indexes_are_never_renamed_but_dropped_and_created() {
    Table before = table("T", List.of(col("a", "TEXT"))).withIndexes(List.of(index("i1", false, "a"), index("i2", false, "a")));
    Table after = before.withIndexes(List.of(index("i3", false, "a")));
    assertThat(differ.diff(one(before), one(after))).noneMatch(c -> c instanceof Change.RenameIndex);
  }

  @Test
  void a_unique_index_replacing_a_plain_one_is_a_drop_and_a_create() {
    Table before = table("T", List.of(col("a", "TEXT"))).withIndexes(List.of(index("i", false, "a")));
    Table after = before.withIndexes(List.of(index("i", true, "a")));
    assertThat(differ.diff(one(before), one(after)))
        .hasAtLeastOneElementOfType(Change.DropIndex.class).hasAtLeastOneElementOfType(Change.AddIndex.class);
  }

  @Test
  void a_foreign_key_that_only_changes_its_name_is_renamed() {
    Table user = table("User", List.of(col("id", "INTEGER")), "id");
    Table post = table("Post", List.of(col("id", "INTEGER"), col("uid", "INTEGER")), "id");
    DatabaseSchema a = schema(List.of(user, post.withForeignKeys(List.of(fk("Post_uid_fkey", "uid", "User", "id")))));
    DatabaseSchema b = schema(List.of(user, post.withForeignKeys(List.of(fk("renamed", "uid", "User", "id")))));
    assertThat(differ.diff(a, b)).singleElement().isInstanceOf(Change.RenameForeignKey.class);
  }

  @Test
  void json_defaults_are_compared_as_values() {
    Table before = table("T", List.of(withDefault(col("j", "JSONB"), new DefaultValue.Literal(LiteralKind.JSON, "{\"a\": 1, \"b\": 2}"))));
    Table after = table("T", List.of(withDefault(col("j", "JSONB"), new DefaultValue.Literal(LiteralKind.JSON, "{\"b\":2,\"a\":1}"))));
    assertThat(differ.diff(one(before), one(after))).isEmpty();
  }

  @Test
  void numeric_defaults_are_compared_numerically() {
    Table before = table("T", List.of(withDefault(col("d", "DECIMAL", 65, 30), new DefaultValue.Literal(LiteralKind.NUMBER, "1.5"))));
    Table after = table("T", List.of(withDefault(col("d", "DECIMAL", 65, 30), new DefaultValue.Literal(LiteralKind.NUMBER, "1.50"))));
    assertThat(differ.diff(one(before), one(after))).isEmpty();
  }

  @Test
  void expression_defaults_ignore_case() {
    Table before = table("T", List.of(withDefault(col("u", "UUID"), new DefaultValue.Expression("gen_random_uuid()"))));
    Table after = table("T", List.of(withDefault(col("u", "UUID"), new DefaultValue.Expression("GEN_RANDOM_UUID()"))));
    assertThat(differ.diff(one(before), one(after))).isEmpty();
  }

  @Test
  void a_sequence_default_matches_an_autoincrement_column_without_default() {
    var introspected = new dev.strata.schema.Column("id", ColumnType.builtin("INTEGER"), false,
        java.util.Optional.of(new DefaultValue.NextVal("T_id_seq")), true, java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
    var lowered = new dev.strata.schema.Column("id", ColumnType.builtin("INTEGER"), false,
        java.util.Optional.empty(), true, java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
    assertThat(differ.diff(one(table("T", List.of(introspected))), one(table("T", List.of(lowered))))).isEmpty();
  }

  @Test
  void a_type_change_that_cannot_be_cast_recreates_the_column() {
    Table before = table("T", List.of(col("a", "BOOLEAN")));
    Table after = table("T", List.of(col("a", "TIMESTAMP", 3)));
    Change.ModifyTable m = (Change.ModifyTable) differ.diff(one(before), one(after)).get(0);
    assertThat(m.changes()).singleElement().isInstanceOf(Change.RecreateColumn.class);
  }

  @Test
  void removed_enum_values_are_reported_in_the_old_order() {
    EnumType before = new EnumType("public", "E", List.of("A", "B", "C"));
    EnumType after = new EnumType("public", "E", List.of("C", "D"));
    Change.AlterEnum alter = (Change.AlterEnum) differ.diff(schema(List.of(), before), schema(List.of(), after)).get(0);
    assertThat(alter.removedValues()).containsExactly("A", "B");
    assertThat(alter.addedValues()).containsExactly("D");
  }

  @Test
  void prisma_migrations_table_is_never_dropped() {
    Table bookkeeping = table("_prisma_migrations", List.of(col("id", "VARCHAR", 36)), "id");
    assertThat(differ.diff(one(bookkeeping), schema(List.of()))).isEmpty();
  }
}
