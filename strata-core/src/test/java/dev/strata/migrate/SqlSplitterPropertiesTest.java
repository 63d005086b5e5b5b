package dev.strata.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Properties of the splitter on generated scripts, random input and every migration.sql of the corpus. */
class SqlSplitterPropertiesTest {
  /** Statements whose semicolons are all inside something that hides them. */
  private static final List<String> TRICKY = List.of(
      "CREATE TABLE \"a;b\" (\"x\"\"y;\" text DEFAULT 'it''s; here')",
      "SELECT E'\\';' AS a, 'C:\\' AS b",
      "DO $$ BEGIN RAISE NOTICE 'x;'; END $$",
      "CREATE FUNCTION f() RETURNS trigger AS $fn$ BEGIN PERFORM 1; RETURN NEW; END; $fn$ LANGUAGE plpgsql",
      "SELECT 1 /* a; /* nested; */ b; */ + 2",
      "SELECT 1 -- trailing; comment\n + 2",
      "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); DELETE FROM b)",
      "CREATE INDEX CONCURRENTLY \"i\" ON \"t\"(\"c\")",
      "BEGIN",
      "COMMIT",
      "INSERT INTO t VALUES ($1, 'x$$y')",
      "ALTER TABLE t\r\n  ADD COLUMN c int");
  /** What may stand between statements. */
  private static final List<String> SEPARATORS = List.of(
      "\n", "\r\n", "\n\n", " ", "\n-- comment; with semicolon\n", "\n/* block; /* nested */ */\n", ";", "\r\n;\r\n", "\t");

  @Test
  void splits_generated_scripts_into_exactly_the_statements_they_were_built_from() {
    Random random = new Random(7);
    for (int round = 0; round < 2_000; round++) {
      int n = 1 + random.nextInt(8);
      List<String> expected = new ArrayList<>();
      StringBuilder script = new StringBuilder();
      for (int i = 0; i < n; i++) {
        script.append(SEPARATORS.get(random.nextInt(SEPARATORS.size())));
        String statement = TRICKY.get(random.nextInt(TRICKY.size()));
        boolean last = i == n - 1;
        String withEnd = last && random.nextBoolean() ? statement : statement + ";";
        expected.add(withEnd);
        script.append(withEnd);
      }
      String tail = SEPARATORS.get(random.nextInt(SEPARATORS.size()));
      if (random.nextBoolean() && !tail.contains(";")) {
        script.append(tail);
      }
      String sql = script.toString();
      assertThat(SqlSplitter.split(sql)).as(sql).extracting(SqlStatement::text).containsExactlyElementsOf(expected);
      assertLosesOnlyCommentsWhitespaceAndSemicolons(sql);
    }
  }

  @Test
  void never_throws_and_loses_no_text_on_random_input() {
    String alphabet = "'\";$-/*\\\n\r ()aEe1_;BEGINEND";
    Random random = new Random(11);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(120);
      for (int i = 0; i < length; i++) {
        s.append(random.nextInt(50) == 0 ? (char) random.nextInt(0x3000) : alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertLosesOnlyCommentsWhitespaceAndSemicolons(s.toString());
      SqlSplitter.split(s.toString()).forEach(st -> {
        st.needsNoTransaction();
        st.transactionControl();
        st.addsEnumValue();
        st.firstLine();
      });
    }
  }

  @Test
  void splits_every_corpus_migration_without_cutting_a_dollar_quoted_body() throws IOException {
    List<Path> files = CorpusHistories.migrationFiles();
    assertThat(files).hasSizeGreaterThan(1_000);
    Pattern dollarTag = Pattern.compile("\\$[A-Za-z_]*\\$");
    Pattern prismaStepHeader = Pattern.compile("(?m)^-- [A-Z][A-Za-z]+\\r?$");
    Set<String> commands = Set.of("CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE", "DO", "SELECT", "WITH",
        "BEGIN", "COMMIT", "COMMENT", "TRUNCATE", "GRANT", "SET", "REVOKE");
    Map<String, Integer> firstWords = new TreeMap<>();
    int total = 0;
    for (Path file : files) {
      String sql = Files.readString(file);
      List<SqlStatement> statements = SqlSplitter.split(sql);
      assertLosesOnlyCommentsWhitespaceAndSemicolons(sql);
      for (SqlStatement statement : statements) {
        Map<String, Integer> tags = new TreeMap<>();
        Matcher m = dollarTag.matcher(statement.text());
        while (m.find()) {
          tags.merge(m.group(), 1, Integer::sum);
        }
        tags.forEach((tag, count) -> assertThat(count % 2).as("%s in %s at line %d", tag, file, statement.startLine()).isZero());
        String first = statement.leadingWords(1).stream().findFirst().orElse("");
        firstWords.merge(first, 1, Integer::sum);
        assertThat(commands).as("first word of the statement at %s:%d", file, statement.startLine()).contains(first);
      }
      Matcher headers = prismaStepHeader.matcher(sql);
      int headerCount = 0;
      while (headers.find()) {
        headerCount++;
      }
      assertThat(statements.size()).as("statements in %s", file).isGreaterThanOrEqualTo(Math.min(headerCount, 1));
      total += statements.size();
    }
    System.out.println("[splitter] " + files.size() + " corpus files, " + total + " statements, by first word: " + firstWords);
    assertThat(total).isGreaterThan(files.size());
  }

  /** Statements are exact, ordered, non-overlapping slices; between them is only whitespace, comments and semicolons. */
  static void assertLosesOnlyCommentsWhitespaceAndSemicolons(String sql) {
    List<SqlStatement> statements = SqlSplitter.split(sql);
    int previousEnd = 0;
    for (SqlStatement statement : statements) {
      assertThat(statement.text()).isNotBlank();
      assertThat(statement.startOffset()).isGreaterThanOrEqualTo(previousEnd);
      assertThat(sql.substring(statement.startOffset(), statement.endOffset())).isEqualTo(statement.text());
      assertThat(isFiller(sql.substring(previousEnd, statement.startOffset())))
          .as("gap before offset %d in %s", statement.startOffset(), sql).isTrue();
      assertThat(statement.startLine()).isEqualTo(1 + (int) sql.substring(0, statement.startOffset()).chars().filter(c -> c == '\n').count());
      previousEnd = statement.endOffset();
    }
    assertThat(isFiller(sql.substring(previousEnd))).as("tail of %s", sql).isTrue();
  }

  /** Whether text holds only whitespace, semicolons, a byte-order mark and complete or trailing comments. */
  private static boolean isFiller(String gap) {
    int i = 0;
    while (i < gap.length()) {
      char c = gap.charAt(i);
      if (c == ';' || c == '\uFEFF' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B') {
        i++;
      } else if (gap.startsWith("--", i)) {
        int nl = gap.indexOf('\n', i);
        i = nl < 0 ? gap.length() : nl;
      } else if (gap.startsWith("/*", i)) {
        int depth = 0;
        do {
          if (gap.startsWith("/*", i)) {
            depth++;
            i += 2;
          } else if (gap.startsWith("*/", i)) {
            depth--;
            i += 2;
          } else {
            i++;
          }
        } while (depth > 0 && i < gap.length());
      } else {
        return false;
      }
    }
    return true;
  }
}
