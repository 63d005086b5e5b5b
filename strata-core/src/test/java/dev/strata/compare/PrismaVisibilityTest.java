package dev.strata.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.SourceFile;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.Extension;
import dev.strata.schema.Index;
import dev.strata.schema.IndexColumn;
import dev.strata.schema.Table;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrismaVisibilityTest {
  private static final Index PLAIN = new Index("t_a_idx", false, List.of(IndexColumn.of("a")), "BTREE", Optional.empty(), false);
  private static final Index PARTIAL =
      new Index("t_a_key", true, List.of(IndexColumn.of("a")), "BTREE", Optional.of("(b IS NULL)"), false);
  private static final Index EXPRESSION = new Index("t_fts", false,
      List.of(new IndexColumn("to_tsvector('english'::regconfig, a)", true, Optional.empty(), Optional.empty())), "GIN",
      Optional.empty(), false);

  private static DatabaseSchema database() {
    Column a = new Column("a", ColumnType.builtin("TEXT"), true, Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty());
    Table t = new Table("public", "t", List.of(a), Optional.empty(), List.of(PLAIN, PARTIAL, EXPRESSION), List.of(), List.of(), Optional.empty());
    return new DatabaseSchema("public", Set.of(), List.of(t), List.of(), List.of(), List.of(), List.of());
  }

  private static List<String> indexNames(DatabaseSchema s) {
    return s.tables().get(0).indexes().stream().map(Index::name).toList();
  }

  @Test
  void expression_and_partial_indexes_are_invisible_without_the_preview() {
    assertThat(indexNames(PrismaVisibility.of(database(), Set.of()))).containsExactly("t_a_idx");
  }

  @Test
  void partial_indexes_are_visible_with_the_preview_but_expression_indexes_never() {
    assertThat(indexNames(PrismaVisibility.of(database(), Set.of(PrismaVisibility.PARTIAL_INDEXES)))).containsExactly("t_a_idx", "t_a_key");
  }

  @Test
  void a_schema_with_nothing_to_hide_is_returned_as_is() {
    DatabaseSchema s = database().withTables(List.of(database().tables().get(0).withIndexes(List.of(PLAIN))));
    assertThat(PrismaVisibility.of(s, Set.of())).isSameAs(s);
  }

  @Test
  void extensions_are_visible_only_with_the_preview() {
    DatabaseSchema s = new DatabaseSchema("public", Set.of(), List.of(), List.of(), List.of(),
        List.of(new Extension("pgcrypto", Optional.empty(), Optional.empty())), List.of());
    assertThat(PrismaVisibility.of(s, Set.of()).extensions()).isEmpty();
    assertThat(PrismaVisibility.of(s, Set.of(PrismaVisibility.EXTENSIONS)).extensions()).hasSize(1);
  }

  @Test
  void reads_the_preview_features_of_every_generator_in_lower_case() {
    String schema = "generator a { provider = \"x\" }\ngenerator b {\n  provider = \"y\"\n  previewFeatures = [\"views\", \"partialIndexes\"]\n}\n"
        + "generator c {\n  provider = \"z\"\n  previewFeatures = [\"postgresqlExtensions\"]\n}\n";
    assertThat(PrismaVisibility.previewFeatures(PrismaFrontEnd.parse(List.of(new SourceFile("s.prisma", schema))).schema()))
        .containsExactlyInAnyOrder("views", PrismaVisibility.PARTIAL_INDEXES, PrismaVisibility.EXTENSIONS);
  }
}
