package dev.strata.lint.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.strata.migrate.SqlSplitter;
import dev.strata.migrate.SqlStatement;
import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The parser the build makes (libpg_query's module split by strata-wasm-split, then compiled to JVM
 * bytecode) against the module as npm ships it, run unsplit on Chicory's interpreter: the same JSON
 * tree byte for byte, or the same error at the same position, for every statement of every
 * migration history of the corpus.
 */
class SplitParserEqualityTest {

  @Test
  void split_compiled_parser_answers_like_the_original_module_on_every_corpus_statement() throws IOException {
    Path corpus = SharedData.corpus();
    Path originalWasm = Path.of(System.getProperty("strata.libpgquery.wasm", "target/libpg-query/package/wasm/libpg-query.wasm"));
    assertThat(originalWasm).as("the unsplit libpg-query.wasm the build downloaded").isRegularFile();
    WasmModule original = Parser.parse(originalWasm);
    WasmModule split = LibPgQueryModule.load();
    assertThat(split.functionSection().functionCount())
        .as("the compiled module is the split one")
        .isGreaterThan(original.functionSection().functionCount());

    Set<String> statements = new LinkedHashSet<>();
    try (Stream<Path> walk = Files.walk(corpus)) {
      for (Path lock : walk.filter(p -> p.getFileName().toString().equals("migration_lock.toml")).sorted().toList()) {
        try (Stream<Path> files = Files.walk(lock.getParent())) {
          for (Path sql : files.filter(p -> p.toString().endsWith(".sql") && Files.isRegularFile(p)).sorted().toList()) {
            for (SqlStatement s : SqlSplitter.split(Files.readString(sql))) {
              statements.add(s.text());
            }
          }
        }
      }
    }
    // a few that PostgreSQL rejects, so the error path is compared too
    statements.add("CREATE TABLE (");
    statements.add("SELECT 1 FROM t WHERE x = ANY(");
    statements.add("ALTER TABLE \"T\" ADD COLUMN c int DEFAULT 'é' NOT NULL REFERENCES");

    PgQuery reference = new PgQuery(original, null);
    PgQuery compiled = PgQuery.shared();
    List<String> different = new ArrayList<>();
    int errors = 0;
    long start = System.nanoTime();
    for (String sql : statements) {
      PgQuery.Result want = reference.parse(sql);
      PgQuery.Result got = compiled.parse(sql);
      if (!want.ok()) {
        errors++;
      }
      if (!got.equals(want) && different.size() < 5) {
        different.add(sql + "\n  interpreted original: " + want + "\n  compiled split: " + got);
      }
    }
    System.out.printf("[strata] split parser: %d corpus statements (%d rejected by PostgreSQL) parsed alike in %.1f s%n",
        statements.size(), errors, (System.nanoTime() - start) / 1e9);
    assertThat(different).as("statements the two parsers answer differently").isEmpty();
    assertThat(statements).hasSizeGreaterThan(2000);
    assertThat(errors).isGreaterThanOrEqualTo(3);
  }
}
