package dev.strata.diff;

import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.DefaultValue;
import dev.strata.schema.EnumType;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.IndexColumn;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.Table;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Small builders for hand-made IR in differ, planner and renderer tests. */
final class IrFixtures {
  private IrFixtures() {}

  static Column col(String name, ColumnType type, boolean nullable) {
    return new Column(name, type, nullable, Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty());
  }

  static Column col(String name, String builtin, Integer... args) {
    return col(name, ColumnType.builtin(builtin, args), false);
  }

  static Column withDefault(Column c, DefaultValue d) {
    return c.withDefault(Optional.of(d));
  }

  static Table table(String name, List<Column> columns, String... pk) {
    Optional<PrimaryKey> key = pk.length == 0 ? Optional.empty() : Optional.of(new PrimaryKey(name + "_pkey", List.of(pk)));
    return new Table("public", name, columns, key, List.of(), List.of(), List.of(), Optional.empty());
  }

  static Index index(String name, boolean unique, String... columns) {
    return new Index(name, unique, List.of(columns).stream().map(IndexColumn::of).toList(), "BTREE", Optional.empty(), false);
  }

  static ForeignKey fk(String name, String column, String table, String referenced) {
    return new ForeignKey(name, List.of(column), "public", table, List.of(referenced),
        ForeignKey.ReferentialAction.RESTRICT, ForeignKey.ReferentialAction.CASCADE);
  }

  static DatabaseSchema schema(List<Table> tables, EnumType... enums) {
    return new DatabaseSchema("public", Set.of(), tables, List.of(enums), List.of(), List.of(), List.of());
  }
}
