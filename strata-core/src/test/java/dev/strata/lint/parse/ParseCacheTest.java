package dev.strata.lint.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.migrate.SqlSplitter;
import dev.strata.migrate.SqlStatement;
import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lint parse cache on real migrations (langfuse's first ones from the corpus) and the real
 * parser: hits, one pack per run, damaged packs, other parser builds, merging, and two processes
 * writing the same entries at once.
 */
class ParseCacheTest {
  private static final String ID_A = "a".repeat(64);
  private static final String ID_B = "b".repeat(64);

  private static List<String> statements;
  private static List<PgQuery.Result> fresh;

  @BeforeAll
  static void realStatements() throws IOException {
    Path migrations = SharedData.corpus().resolve("langfuse__langfuse/packages/shared/prisma/migrations");
    List<Path> files;
    try (Stream<Path> s = Files.list(migrations)) {
      files = s.map(p -> p.resolve("migration.sql")).filter(Files::isRegularFile).sorted().limit(6).toList();
    }
    statements = new ArrayList<>();
    for (Path f : files) {
      for (SqlStatement st : SqlSplitter.split(Files.readString(f))) {
        statements.add(st.text());
      }
    }
    statements.add("CREATE TABLE broken (id int,"); // PostgreSQL's error is cached too
    assertThat(statements).hasSizeGreaterThan(10);
    fresh = statements.stream().map(PgQuery::parseWithAny).toList();
    assertThat(fresh.get(fresh.size() - 1).ok()).isFalse();
  }

  @Test
  void a_second_run_reads_every_statement_from_the_cache_and_a_run_writes_one_pack(@TempDir Path dir) throws IOException {
    ParseCache first = ParseCache.at(dir, ID_A);
    assertThat(parseAll(first)).isEqualTo(fresh);
    assertThat(first.misses()).isEqualTo(distinct());
    assertThat(first.hits()).isEqualTo(statements.size() - distinct()); // a repeat within the run
    assertThat(first.packs()).isEmpty(); // nothing is written before the end of the run
    first.flush();
    assertThat(first.packs()).hasSize(1);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.toList()).hasSize(1);
    }

    ParseCache second = ParseCache.at(dir, ID_A);
    assertThat(parseAll(second)).isEqualTo(fresh);
    assertThat(second.hits()).isEqualTo(statements.size());
    assertThat(second.misses()).isZero();
    second.flush(); // nothing new: no second pack
    assertThat(second.packs()).hasSize(1);
  }

  @Test
  void a_corrupt_truncated_or_unreadable_pack_loses_only_its_damaged_entries(@TempDir Path dir) throws IOException {
    ParseCache cache = ParseCache.at(dir, ID_A);
    parseAll(cache);
    cache.flush();
    Path pack = cache.packs().get(0);
    byte[] whole = Files.readAllBytes(pack);

    byte[] flipped = whole.clone();
    int firstEntry = "STRATA-LINT-PACK\n".length() + 4;
    int firstLength = java.nio.ByteBuffer.wrap(whole, firstEntry - 4, 4).getInt();
    flipped[firstEntry + firstLength / 2] ^= 0x20; // one bit of the first entry: its checksum catches it
    Files.write(pack, flipped);
    ParseCache afterFlip = ParseCache.at(dir, ID_A);
    assertThat(parseAll(afterFlip)).isEqualTo(fresh);
    assertThat(afterFlip.misses()).isEqualTo(1);

    Files.write(pack, java.util.Arrays.copyOf(whole, whole.length / 2)); // cut in the middle of an entry
    ParseCache afterCut = ParseCache.at(dir, ID_A);
    assertThat(parseAll(afterCut)).isEqualTo(fresh);
    assertThat(afterCut.hits()).isPositive();
    assertThat(afterCut.misses()).isPositive().isLessThan(distinct());

    Files.writeString(pack, "not a pack");
    ParseCache afterGarbage = ParseCache.at(dir, ID_A);
    assertThat(parseAll(afterGarbage)).isEqualTo(fresh);
    assertThat(afterGarbage.misses()).isEqualTo(distinct());

    Files.delete(pack);
    String name = pack.getFileName().toString();
    Path folder = pack.resolveSibling(name.substring(0, name.indexOf('-') + 1) + "folder.pack");
    Files.createDirectory(folder); // a folder named like a pack: unreadable
    assertThat(cache.packs()).containsExactly(folder);
    ParseCache afterFolder = ParseCache.at(dir, ID_A);
    assertThat(parseAll(afterFolder)).isEqualTo(fresh);
    assertThat(afterFolder.misses()).isEqualTo(distinct());
    afterFolder.flush(); // written again beside it
    assertThat(afterFolder.writeErrors()).isZero();

    ParseCache again = ParseCache.at(dir, ID_A);
    assertThat(parseAll(again)).isEqualTo(fresh);
    assertThat(again.misses()).isZero();
  }

  @Test
  void another_parser_build_never_reads_these_entries(@TempDir Path dir) throws IOException {
    ParseCache a = ParseCache.at(dir, ID_A);
    parseAll(a);
    a.flush();
    ParseCache b = ParseCache.at(dir, ID_B);
    assertThat(parseAll(b)).isEqualTo(fresh);
    assertThat(b.hits()).isZero();
    assertThat(b.packs()).isEmpty(); // A's pack is not B's
    // and a pack of build A put where build B looks is not trusted either
    Path aPack = a.packs().get(0);
    ParseCache b2 = ParseCache.at(dir, ID_B);
    b2.parse(statements.get(0));
    b2.flush();
    Path bPack = b2.packs().get(0);
    Files.copy(aPack, bPack, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    ParseCache b3 = ParseCache.at(dir, ID_B);
    assertThat(b3.parse(statements.get(0))).isEqualTo(fresh.get(0));
    assertThat(b3.misses()).isEqualTo(1);
    ParseCache a2 = ParseCache.at(dir, ID_A);
    assertThat(a2.parse(statements.get(0))).isEqualTo(fresh.get(0));
    assertThat(a2.hits()).isEqualTo(1);
  }

  @Test
  void past_the_limit_the_next_run_that_writes_merges_the_packs(@TempDir Path dir) throws IOException {
    for (int i = 0; i < ParseCache.MAX_PACKS; i++) {
      ParseCache run = ParseCache.at(dir, ID_A);
      run.parse(statements.get(i));
      run.flush();
    }
    assertThat(ParseCache.at(dir, ID_A).packs()).hasSize(ParseCache.MAX_PACKS);
    ParseCache merging = ParseCache.at(dir, ID_A);
    assertThat(parseAll(merging)).isEqualTo(fresh);
    assertThat(merging.hits()).isGreaterThanOrEqualTo(ParseCache.MAX_PACKS);
    merging.flush();
    assertThat(merging.packs()).hasSize(1);
    ParseCache after = ParseCache.at(dir, ID_A);
    assertThat(parseAll(after)).isEqualTo(fresh);
    assertThat(after.misses()).isZero();
  }

  @Test
  void two_processes_writing_the_same_entries_at_once_leave_only_whole_packs(@TempDir Path dir) throws Exception {
    Path list = dir.resolve("statements.txt");
    Files.writeString(list, String.join("\u0000", statements));
    Path cacheDir = dir.resolve("cache");
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss4m",
          "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), ParseCacheWriter.class.getName(),
          cacheDir.toString(), ID_A, list.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("out" + i + ".txt").toFile()).start());
    }
    for (int i = 0; i < processes.size(); i++) {
      assertThat(processes.get(i).waitFor(5, TimeUnit.MINUTES)).isTrue();
      assertThat(processes.get(i).exitValue()).as(Files.readString(dir.resolve("out" + i + ".txt"))).isZero();
    }
    ParseCache after = ParseCache.at(cacheDir, ID_A);
    assertThat(parseAll(after)).isEqualTo(fresh);
    assertThat(after.hits()).isEqualTo(statements.size());
    try (Stream<Path> walk = Files.walk(cacheDir)) {
      assertThat(walk.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList()).isEmpty();
    }
  }

  @Test
  void a_cache_that_cannot_be_written_only_costs_time(@TempDir Path dir) throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    ParseCache cache = ParseCache.at(notADirectory, ID_A);
    assertThat(parseAll(cache)).isEqualTo(fresh);
    cache.flush();
    assertThat(cache.writeErrors()).isEqualTo(distinct());
  }

  @Test
  void the_build_records_the_parser_id_and_the_default_directory_follows_xdg() {
    assertThat(ParseCache.parserBuildId()).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{64}"));
    assertThat(ParseCache.defaultDirectory(java.util.Map.of("XDG_CACHE_HOME", "/x/cache")))
        .isEqualTo(Path.of("/x/cache/strata/lint-parse"));
    assertThat(ParseCache.defaultDirectory(java.util.Map.of("XDG_CACHE_HOME", "/x/cache", "STRATA_LINT_CACHE_DIR", "/y")))
        .isEqualTo(Path.of("/y"));
    assertThat(ParseCache.defaultDirectory(java.util.Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "strata", "lint-parse"));
  }

  private static int distinct() {
    return (int) statements.stream().distinct().count();
  }

  private static List<PgQuery.Result> parseAll(ParseCache cache) {
    return statements.stream().map(cache::parse).toList();
  }
}
