package dev.strata.schema;

import java.util.List;

/** A foreign key constraint from columns of its table to columns of a referenced table. */
public record ForeignKey(
    String name,
    List<String> columns,
    String referencedSchema,
    String referencedTable,
    List<String> referencedColumns,
    ReferentialAction onDelete,
    ReferentialAction onUpdate) {

  public ForeignKey {
    columns = List.copyOf(columns);
    referencedColumns = List.copyOf(referencedColumns);
  }

  /** What happens to referencing rows. */
  public enum ReferentialAction {
    NO_ACTION("NO ACTION"),
    RESTRICT("RESTRICT"),
    CASCADE("CASCADE"),
    SET_NULL("SET NULL"),
    SET_DEFAULT("SET DEFAULT");

    private final String sql;

    ReferentialAction(String sql) {
      this.sql = sql;
    }

    public String sql() {
      return sql;
    }
  }
}
