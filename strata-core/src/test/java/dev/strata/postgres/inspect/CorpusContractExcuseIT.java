package dev.strata.postgres.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.schema.Index;
import dev.strata.schema.IndexColumn;
import dev.strata.schema.IndexColumn.SortOrder;
import dev.strata.schema.change.Change;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one excuse of {@link CorpusContractCases} for an index dropped and re-added: the introspected
 * index leaves out operator classes that the catalog says are the defaults and the lowered one names.
 * Any other difference (uniqueness, sort order, predicate, a non-default class) is not excused.
 */
class CorpusContractExcuseIT {
  private static ScratchDatabase db;
  private static Connection c;

  @BeforeAll
  static void indexes() throws SQLException {
    db = ScratchDatabase.on(ScratchDatabase.Server.EMBEDDED);
    c = db.connect();
    try (Statement s = c.createStatement()) {
      s.execute("""
          CREATE TABLE "T" ("id" INTEGER, "tags" TEXT[], "doc" JSONB);
          CREATE INDEX "T_tags_idx" ON "T" USING GIN ("tags");
          CREATE INDEX "T_doc_idx" ON "T" USING GIN ("doc" jsonb_path_ops);
          """);
    }
  }

  @AfterAll
  static void drop() throws SQLException {
    c.close();
    db.close();
  }

  private static Index gin(String name, String column, Optional<String> operatorClass) {
    return new Index(name, false, List.of(new IndexColumn(column, false, Optional.empty(), operatorClass)), "gin",
        Optional.empty(), false);
  }

  private static boolean excused(Index introspected, Index lowered) throws SQLException {
    Change drop = new Change.DropIndex("public", "T", introspected);
    Change add = new Change.AddIndex("public", "T", lowered);
    List<Change> all = List.of(drop, add);
    boolean dropExcused = CorpusContractCases.defaultOperatorClass(c, drop, all);
    assertThat(CorpusContractCases.defaultOperatorClass(c, add, all)).isEqualTo(dropExcused);
    return dropExcused;
  }

  @Test
  void the_default_operator_class_left_out_by_introspection_is_excused() throws SQLException {
    assertThat(excused(gin("T_tags_idx", "tags", Optional.empty()), gin("T_tags_idx", "tags", Optional.of("array_ops")))).isTrue();
  }

  @Test
  void a_uniqueness_sort_order_or_predicate_mismatch_is_not_excused() throws SQLException {
    Index introspected = gin("T_tags_idx", "tags", Optional.empty());
    Index lowered = gin("T_tags_idx", "tags", Optional.of("array_ops"));
    assertThat(excused(introspected, new Index(lowered.name(), true, lowered.columns(), "gin", Optional.empty(), false))).isFalse();
    assertThat(excused(introspected, new Index(lowered.name(), false,
        List.of(new IndexColumn("tags", false, Optional.of(SortOrder.DESC), Optional.of("array_ops"))), "gin", Optional.empty(), false)))
        .isFalse();
    assertThat(excused(introspected, new Index(lowered.name(), false, lowered.columns(), "gin", Optional.of("(id > 0)"), false)))
        .isFalse();
    assertThat(excused(introspected, new Index(lowered.name(), false, lowered.columns(), "btree", Optional.empty(), false))).isFalse();
  }

  @Test
  void an_operator_class_that_is_not_the_default_or_differs_on_both_sides_is_not_excused() throws SQLException {
    // the database has jsonb_path_ops (not the default): the lowered side naming it differs from nothing left out
    assertThat(excused(gin("T_doc_idx", "doc", Optional.empty()), gin("T_doc_idx", "doc", Optional.of("jsonb_path_ops")))).isFalse();
    // the default is array_ops, not what the lowered side names
    assertThat(excused(gin("T_tags_idx", "tags", Optional.empty()), gin("T_tags_idx", "tags", Optional.of("jsonb_ops")))).isFalse();
    // both sides name a class, and they differ
    assertThat(excused(gin("T_doc_idx", "doc", Optional.of("jsonb_path_ops")), gin("T_doc_idx", "doc", Optional.of("jsonb_ops"))))
        .isFalse();
    // nothing differs at all: not a drop and re-add this excuse is about
    assertThat(excused(gin("T_tags_idx", "tags", Optional.empty()), gin("T_tags_idx", "tags", Optional.empty()))).isFalse();
  }
}
