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
 * parser: hits, entries that must not be trusted, other parser builds, and two processes writing
 * the same entries at once.
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
  void a_second_run_reads_every_statement_from_the_cache(@TempDir Path dir) {
    ParseCache first = ParseCache.at(dir, ID_A);
    assertThat(parseAll(first)).isEqualTo(fresh);
    assertThat(first.misses()).isEqualTo(statements.size());
    assertThat(first.hits()).isZero();

    ParseCache second = ParseCache.at(dir, ID_A);
    assertThat(parseAll(second)).isEqualTo(fresh);
    assertThat(second.hits()).isEqualTo(statements.size());
    assertThat(second.misses()).isZero();
  }

  @Test
  void a_corrupt_truncated_or_misplaced_entry_is_parsed_again_and_rewritten(@TempDir Path dir) throws IOException {
    ParseCache cache = ParseCache.at(dir, ID_A);
    parseAll(cache);
    Path flipped = cache.entryFor(statements.get(0));
    byte[] bytes = Files.readAllBytes(flipped);
    bytes[bytes.length / 2] ^= 0x20; // one bit in the JSON: the checksum catches it
    Files.write(flipped, bytes);
    Path truncated = cache.entryFor(statements.get(1));
    Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(truncated), 40));
    Path garbage = cache.entryFor(statements.get(2));
    Files.writeString(garbage, "not an entry");
    // a whole, valid entry of another statement under this statement's name
    Path misplaced = cache.entryFor(statements.get(3));
    Files.copy(cache.entryFor(statements.get(4)), misplaced, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    // an entry that cannot be read at all (a folder where the file should be)
    Path unreadable = cache.entryFor(statements.get(5));
    Files.delete(unreadable);
    Files.createDirectory(unreadable);

    ParseCache again = ParseCache.at(dir, ID_A);
    assertThat(parseAll(again)).isEqualTo(fresh);
    assertThat(again.misses()).isEqualTo(5);
    assertThat(again.hits()).isEqualTo(statements.size() - 5);
    assertThat(again.writeErrors()).isEqualTo(1); // the folder stays in the way

    ParseCache third = ParseCache.at(dir, ID_A);
    assertThat(parseAll(third)).isEqualTo(fresh);
    assertThat(third.misses()).isEqualTo(1); // the four rewritten entries are trusted again
  }

  @Test
  void another_parser_build_never_reads_these_entries(@TempDir Path dir) throws IOException {
    ParseCache a = ParseCache.at(dir, ID_A);
    parseAll(a);
    ParseCache b = ParseCache.at(dir, ID_B);
    assertThat(parseAll(b)).isEqualTo(fresh);
    assertThat(b.hits()).isZero();
    // and an entry of build A put where build B looks is not trusted either
    Files.copy(a.entryFor(statements.get(0)), b.entryFor(statements.get(0)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    ParseCache b2 = ParseCache.at(dir, ID_B);
    assertThat(b2.parse(statements.get(0))).isEqualTo(fresh.get(0));
    assertThat(b2.misses()).isEqualTo(1);
    assertThat(ParseCache.at(dir, ID_A).parse(statements.get(0))).isEqualTo(fresh.get(0));
  }

  @Test
  void two_processes_writing_the_same_entries_at_once_leave_only_whole_entries(@TempDir Path dir) throws Exception {
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
    assertThat(cache.writeErrors()).isEqualTo(statements.size());
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

  private static List<PgQuery.Result> parseAll(ParseCache cache) {
    return statements.stream().map(cache::parse).toList();
  }
}
