package dev.strata.prisma.lower;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.SourceFile;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.Table;
import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Lowers every real schema we have: the eight corpus projects (rallly's 13-file folder as one
 * schema), Prisma's postgres migration fixtures, and every PSL validation fixture whether valid or
 * not (lowering must never throw). The figures checked for spliit were counted by hand from its
 * schema; all of them agree with what Prisma 7's {@code migrate diff --from-empty} creates.
 */
class PrismaLoweringSweepTest {

  /** Object counts of one lowered schema. */
  private record Counts(int tables, int columns, int indexes, int uniqueIndexes, int primaryKeys, int foreignKeys, int enums) {
    static Counts of(DatabaseSchema s) {
      return new Counts(
          s.tables().size(),
          s.tables().stream().mapToInt(t -> t.columns().size()).sum(),
          s.tables().stream().mapToInt(t -> t.indexes().size()).sum(),
          (int) s.tables().stream().flatMap(t -> t.indexes().stream()).filter(Index::unique).count(),
          (int) s.tables().stream().filter(t -> t.primaryKey().isPresent()).count(),
          s.tables().stream().mapToInt(t -> t.foreignKeys().size()).sum(),
          s.enums().size());
    }
  }

  private static Map<String, DatabaseSchema> lowerCorpus() throws IOException {
    Path corpus = SharedData.corpus();
    Map<String, List<Path>> projects = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(corpus)) {
      walk.filter(p -> p.toString().endsWith(".prisma")).sorted().forEach(p ->
          projects.computeIfAbsent(corpus.relativize(p).getName(0).toString(), k -> new ArrayList<>()).add(p));
    }
    Map<String, DatabaseSchema> lowered = new TreeMap<>();
    for (Map.Entry<String, List<Path>> project : projects.entrySet()) {
      List<SourceFile> sources = new ArrayList<>();
      for (Path p : project.getValue()) {
        sources.add(new SourceFile(corpus.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8)));
      }
      PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(sources);
      assertThat(checked.hasErrors()).as("%s validates", project.getKey()).isFalse();
      lowered.put(project.getKey(), PrismaLowering.lower(checked.schema()));
    }
    return lowered;
  }

  @Test
  void lowers_every_corpus_schema_with_prismas_object_counts() throws IOException {
    Map<String, DatabaseSchema> lowered = lowerCorpus();
    assertThat(lowered).hasSize(8);
    Map<String, Counts> counts = new TreeMap<>();
    lowered.forEach((k, v) -> counts.put(k, Counts.of(v)));
    counts.forEach((k, v) -> System.out.println("lowered " + k + ": " + v));
    // Counted by hand from the schema: 8 models, 48 scalar/enum fields, 3 indexes (1 unique),
    // 8 primary keys (one @@id), 9 relations with fields, 3 enums.
    assertThat(counts.get("spliit-app__spliit")).isEqualTo(new Counts(8, 48, 3, 1, 8, 9, 3));
    // relationMode = "prisma": no foreign keys at all.
    assertThat(counts.get("umami-software__umami")).isEqualTo(new Counts(17, 170, 79, 6, 17, 0, 0));
    // 15 models (two of them without a primary key) plus 2 implicit m:n join tables (each: a
    // primary key, a B index, two foreign keys).
    assertThat(counts.get("linkwarden__linkwarden")).isEqualTo(new Counts(17, 175, 21, 15, 15, 22, 6));
    // The others, as Prisma creates them.
    assertThat(counts.get("documenso__documenso")).isEqualTo(new Counts(51, 489, 87, 43, 51, 63, 30));
    assertThat(counts.get("ghostfolio__ghostfolio")).isEqualTo(new Counts(21, 146, 54, 9, 21, 23, 9));
    assertThat(counts.get("hoppscotch__hoppscotch")).isEqualTo(new Counts(23, 171, 24, 19, 21, 22, 4));
    assertThat(counts.get("langfuse__langfuse")).isEqualTo(new Counts(71, 736, 142, 44, 68, 108, 32));
    assertThat(counts.get("lukevella__rallly")).isEqualTo(new Counts(32, 332, 69, 27, 32, 46, 16));
  }

  @Test
  void lowers_spliit_details_as_prisma_names_them() throws IOException {
    DatabaseSchema s = lowerCorpus().get("spliit-app__spliit");
    Table link = s.tables().stream().filter(t -> t.name().equals("RecurringExpenseLink")).findFirst().orElseThrow();
    assertThat(link.indexes()).extracting(Index::name).containsExactly(
        "RecurringExpenseLink_currentFrameExpenseId_key",
        "RecurringExpenseLink_groupId_idx",
        "RecurringExpenseLink_groupId_nextExpenseCreatedAt_nextExpen_idx");
    Table expense = s.tables().stream().filter(t -> t.name().equals("Expense")).findFirst().orElseThrow();
    assertThat(expense.foreignKeys()).extracting(ForeignKey::name, f -> f.onDelete().sql()).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Expense_groupId_fkey", "CASCADE"),
        org.assertj.core.groups.Tuple.tuple("Expense_categoryId_fkey", "RESTRICT"),
        org.assertj.core.groups.Tuple.tuple("Expense_paidById_fkey", "CASCADE"));
  }

  @Test
  void lowers_every_postgres_migration_fixture() throws IOException {
    Path dir = SharedData.conformance("prisma-engines/migrations/postgres");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".prisma")).sorted().toList();
    }
    assertThat(files).hasSize(10);
    int tables = 0;
    for (Path file : files) {
      PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(List.of(new SourceFile("schema.prisma", Files.readString(file))));
      assertThat(checked.hasErrors()).as("%s validates", file.getFileName()).isFalse();
      tables += PrismaLowering.lower(checked.schema()).tables().size();
    }
    // One table each for seven fixtures; the multiSchema ones have 5, 2 + 1 join table, and 5.
    assertThat(tables).isEqualTo(7 + 5 + 3 + 5);
  }

  @Test
  void never_throws_on_any_fixture_even_invalid_ones() throws IOException {
    Path dir = SharedData.conformance("prisma-engines/psl");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".prisma")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(200);
    for (Path file : files) {
      PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(List.of(new SourceFile("schema.prisma", Files.readString(file))));
      DatabaseSchema lowered = PrismaLowering.lower(checked.schema());
      assertThat(lowered).as(file.toString()).isNotNull();
      assertThat(lowered.tables()).allSatisfy(t -> assertThat(t.name()).isNotNull());
    }
  }
}
