package dev.strata.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {

  private static List<String> texts(String sql) {
    return SqlSplitter.split(sql).stream().map(SqlStatement::text).toList();
  }

  @Test
  void splits_on_semicolons_and_keeps_each_statement_with_its_semicolon() {
    assertThat(texts("CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n"))
        .containsExactly("CREATE TABLE a (id int);", "CREATE TABLE b (id int);");
  }

  @Test
  void reports_start_line_and_offset_of_each_statement() {
    String sql = "-- CreateTable\nCREATE TABLE a (id int);\n\n-- AddKey\nALTER TABLE a\n  ADD PRIMARY KEY (id);\n";
    List<SqlStatement> statements = SqlSplitter.split(sql);
    assertThat(statements).extracting(SqlStatement::startLine).containsExactly(2, 5);
    assertThat(statements).extracting(SqlStatement::startOffset).containsExactly(15, sql.indexOf("ALTER"));
    assertThat(statements.get(1).endOffset()).isEqualTo(sql.lastIndexOf(';') + 1);
  }

  @Test
  void ignores_semicolons_inside_single_quoted_strings_with_doubled_quotes() {
    assertThat(texts("INSERT INTO t VALUES ('a;b', 'it''s; fine'); SELECT 1;"))
        .containsExactly("INSERT INTO t VALUES ('a;b', 'it''s; fine');", "SELECT 1;");
  }

  @Test
  void a_backslash_does_not_escape_a_quote_in_a_standard_string() {
    assertThat(texts("SELECT 'C:\\'; SELECT 2;")).containsExactly("SELECT 'C:\\';", "SELECT 2;");
  }

  @Test
  void a_backslash_escapes_a_quote_in_an_escape_string() {
    assertThat(texts("SELECT E'it\\'s; ok'; SELECT e'\\\\'; SELECT 3;"))
        .containsExactly("SELECT E'it\\'s; ok';", "SELECT e'\\\\';", "SELECT 3;");
  }

  @Test
  void ignores_semicolons_inside_double_quoted_identifiers() {
    assertThat(texts("CREATE TABLE \"a;\"\"b\" (id int); SELECT 1;"))
        .containsExactly("CREATE TABLE \"a;\"\"b\" (id int);", "SELECT 1;");
  }

  @Test
  void keeps_dollar_quoted_function_bodies_whole() {
    String fn = """
        CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$
        BEGIN
          NEW.updated = now();
          RETURN NEW;
        END;
        $$ LANGUAGE plpgsql;""";
    assertThat(texts(fn + "\nSELECT 1;")).containsExactly(fn, "SELECT 1;");
  }

  @Test
  void keeps_tagged_dollar_quotes_whole_even_when_they_contain_other_dollar_quotes() {
    String block = "DO $outer$ BEGIN EXECUTE $q$SELECT 1; SELECT 2$q$; PERFORM '$$;'; END $outer$;";
    assertThat(texts(block + " SELECT 3;")).containsExactly(block, "SELECT 3;");
  }

  @Test
  void does_not_take_positional_parameters_or_dollars_inside_names_for_quotes() {
    assertThat(texts("PREPARE p AS SELECT $1; SELECT a$b$c FROM t; SELECT 2;"))
        .containsExactly("PREPARE p AS SELECT $1;", "SELECT a$b$c FROM t;", "SELECT 2;");
  }

  @Test
  void ignores_semicolons_in_line_comments_and_nested_block_comments() {
    assertThat(texts("SELECT 1 -- not; here\n; /* outer /* inner; */ still; */ SELECT 2;"))
        .containsExactly("SELECT 1 -- not; here\n;", "SELECT 2;");
  }

  @Test
  void keeps_transaction_statements_as_statements_of_their_own() {
    assertThat(texts("BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n"))
        .containsExactly("BEGIN;", "CREATE TABLE a (id int);", "COMMIT;");
  }

  @Test
  void handles_crlf_line_endings_and_counts_lines_once_per_crlf() {
    String sql = "-- x\r\nCREATE TABLE a (id int);\r\n\r\nCREATE TABLE b (\r\n  id int\r\n);\r\n";
    List<SqlStatement> statements = SqlSplitter.split(sql);
    assertThat(statements).extracting(SqlStatement::text)
        .containsExactly("CREATE TABLE a (id int);", "CREATE TABLE b (\r\n  id int\r\n);");
    assertThat(statements).extracting(SqlStatement::startLine).containsExactly(2, 4);
  }

  @Test
  void keeps_a_last_statement_without_semicolon_without_its_trailing_comment() {
    assertThat(texts("SELECT 1;\nSELECT 2 -- done\n  \n")).containsExactly("SELECT 1;", "SELECT 2");
  }

  @Test
  void drops_empty_statements_and_comment_only_scripts() {
    assertThat(texts(";;  ;\n-- nothing\n/* at all */;")).isEmpty();
    assertThat(texts("")).isEmpty();
    assertThat(texts(null)).isEmpty();
  }

  @Test
  void keeps_semicolons_inside_parentheses_like_psql() {
    String rule = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));";
    assertThat(texts(rule + " SELECT 1;")).containsExactly(rule, "SELECT 1;");
  }

  @Test
  void keeps_begin_atomic_function_bodies_whole() {
    String fn = "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;";
    assertThat(texts(fn + "\nSELECT 3;")).containsExactly(fn, "SELECT 3;");
  }

  @Test
  void an_unterminated_string_runs_to_the_end_of_the_script() {
    assertThat(texts("SELECT 1; SELECT 'open; SELECT 2;")).containsExactly("SELECT 1;", "SELECT 'open; SELECT 2;");
    assertThat(texts("SELECT 1; DO $$ BEGIN; ")).containsExactly("SELECT 1;", "DO $$ BEGIN; ");
  }

  @Test
  void skips_a_byte_order_mark() {
    List<SqlStatement> statements = SqlSplitter.split("\uFEFFSELECT 1;");
    assertThat(statements).extracting(SqlStatement::text).containsExactly("SELECT 1;");
    assertThat(statements.get(0).startOffset()).isEqualTo(1);
  }
}
