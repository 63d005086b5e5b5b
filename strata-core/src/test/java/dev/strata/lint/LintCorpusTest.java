package dev.strata.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.LintFinding;
import dev.strata.LintRequest;
import dev.strata.LintResult;
import dev.strata.Strata;
import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Lints every migration history of the real-world corpus ({@code ../shared/corpus}, read in place)
 * offline, through the Java API: no crash, and PostgreSQL's parser accepts every statement. Prints
 * the counts per rule that docs/lint.md reports.
 */
class LintCorpusTest {

  @Test
  void every_corpus_history_lints_without_a_crash_and_without_an_unparsed_statement() throws IOException {
    Path corpus = SharedData.corpus();
    List<Path> histories;
    try (Stream<Path> walk = Files.walk(corpus)) {
      histories = walk.filter(p -> p.getFileName().toString().equals("migration_lock.toml")).map(Path::getParent).sorted().toList();
    }
    assertThat(histories).hasSizeGreaterThanOrEqualTo(8);
    Map<String, Integer> perRule = new TreeMap<>();
    Map<String, Integer> perProject = new TreeMap<>();
    int files = 0;
    int statements = 0;
    int ownFixes = 0;
    for (Path dir : histories) {
      String project = corpus.relativize(dir).getName(0).toString();
      LintResult result = Strata.of(Strata.configure().migrations(dir).workingDirectory(dir).build()).lint(LintRequest.all().offline(true));
      assertThat(result.unparsed()).as(project + ": unparsed statements " + result.findings().stream()
          .filter(f -> f.code().equals("LN099")).map(f -> f.location() + " " + f.message()).toList()).isZero();
      assertThat(result.files()).as(project).isNotEmpty();
      files += result.files().size();
      statements += result.statements();
      perProject.put(project, result.findings().size());
      for (LintFinding f : result.findings()) {
        perRule.merge(f.code() + " " + f.rule(), 1, Integer::sum);
        // a fix written for this statement (not the rule's example) is SQL PostgreSQL's parser accepts,
        // once its one placeholder (LN011's value for the backfill) is filled in
        String example = LintRules.byCode(f.code()).orElseThrow().safeSql().strip();
        if (!f.fix().equals(example)) {
          String sql = f.fix().replace("/* the value for the rows that have none */", "0");
          dev.strata.lint.parse.PgQuery.Result parsed = dev.strata.lint.parse.PgQuery.shared().parse(sql);
          assertThat(parsed.ok()).as("%s %s: the fix does not parse (%s):%n%s", f.code(), f.location(), parsed.error(), f.fix()).isTrue();
          ownFixes++;
        }
      }
    }
    System.out.printf("[strata] lint corpus: %d histories, %d files, %d statements, 0 unparsed; %d fixes written for their statement, all parsed%n",
        histories.size(), files, statements, ownFixes);
    assertThat(ownFixes).as("findings with a fix written for their own statement").isGreaterThan(100);
    System.out.println("[strata] lint corpus per project: " + perProject);
    System.out.println("[strata] lint corpus per rule:\n" + perRule.entrySet().stream()
        .map(e -> "| " + e.getKey().replaceFirst(" ", " | ") + " | " + e.getValue() + " |").collect(Collectors.joining("\n")));
    assertThat(statements).isGreaterThan(1000);
  }
}
