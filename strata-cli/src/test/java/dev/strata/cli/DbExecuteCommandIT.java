package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@StrataDatabase
class DbExecuteCommandIT {
  @TempDir Path dir;

  @BeforeEach
  void emptyDatabase(TestDatabase db) {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  }

  @Test
  void runs_a_script_file_against_the_configured_database(TestDatabase db) throws IOException {
    Files.writeString(dir.resolve("setup.sql"), """
        CREATE TABLE coach (id serial PRIMARY KEY, name text NOT NULL);
        INSERT INTO coach (name) VALUES ('Ada'), ('Grace');
        CREATE INDEX CONCURRENTLY coach_name ON coach (name);
        """);
    CliRun run = CliRun.in(dir, Map.of("DATABASE_URL", db.url()), "db", "execute", "--file", "setup.sql");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).isEqualTo("Script executed successfully.\n");
    assertThat(db.queryValue("SELECT count(*)::text FROM coach")).contains("2");
    assertThat(db.queryColumn("SELECT indexname FROM pg_indexes WHERE tablename = 'coach' ORDER BY 1")).contains("coach_name");
  }

  @Test
  void reads_the_script_from_standard_input_with_the_url_flag(TestDatabase db) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(dir, Map.of(), new PrintWriter(out), new PrintWriter(err),
        new ByteArrayInputStream("CREATE TABLE piped (id int);".getBytes(StandardCharsets.UTF_8)), false);
    int code = StrataCli.run(ctx, "db", "execute", "--stdin", "--url", db.url());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Script executed successfully.");
    assertThat(db.queryColumn("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).containsExactly("piped");
  }

  @Test
  void a_failing_statement_is_named_with_its_line_and_nothing_of_the_script_stays(TestDatabase db) throws IOException {
    Files.writeString(dir.resolve("bad.sql"), """
        CREATE TABLE kept_or_not (id int);

        INSERT INTO kept_or_not
          VALUES (1),
                 ('one');
        """);
    CliRun run = CliRun.in(dir, Map.of("DATABASE_URL", db.url()), "db", "execute", "--file", "bad.sql");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err())
        .contains("The script bad.sql failed at line 5, in the statement starting at line 3.")
        .contains("--> bad.sql:5")
        .contains("5 |          ('one');")
        .contains("statement: INSERT INTO kept_or_not")
        .contains("[22P02]")
        .contains("Nothing of the script was applied: its transaction was rolled back.");
    assertThat(db.queryColumn("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).isEmpty();
  }

  @Test
  void a_latin1_script_is_refused_with_its_byte_offset_before_anything_runs(TestDatabase db) throws IOException {
    Files.write(dir.resolve("latin1.sql"), "CREATE TABLE café (id int);\n".getBytes(StandardCharsets.ISO_8859_1));
    CliRun run = CliRun.in(dir, Map.of("DATABASE_URL", db.url()), "db", "execute", "--file", "latin1.sql");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).isEqualTo("error: The script latin1.sql cannot be run: it is not valid UTF-8 at byte offset 16 (byte 0xE9);"
        + " save it as UTF-8 (it may be Latin-1 or Windows-1252). Nothing was sent to the database.\n");
    assertThat(db.queryColumn("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).isEmpty();
  }

  @Test
  void a_utf16_script_without_a_byte_order_mark_is_refused(TestDatabase db) throws IOException {
    Files.write(dir.resolve("utf16.sql"), "CREATE TABLE wide (id int);\n".getBytes(StandardCharsets.UTF_16LE));
    CliRun run = CliRun.in(dir, Map.of("DATABASE_URL", db.url()), "db", "execute", "--file", "utf16.sql");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("The script utf16.sql cannot be run: it is not UTF-8 text: it contains a NUL byte at byte offset 1");
    assertThat(db.queryColumn("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).isEmpty();
  }

  @Test
  void a_failure_after_create_index_concurrently_lists_the_statements_that_stay_applied(TestDatabase db) throws IOException {
    Files.writeString(dir.resolve("index.sql"), """
        CREATE TABLE coach (id int);
        INSERT INTO coach VALUES (1);
        CREATE INDEX CONCURRENTLY coach_id ON coach (id);
        INSERT INTO coach VALUES (2);
        INSERT INTO coach VALUES ('three');
        """);
    CliRun run = CliRun.in(dir, Map.of("DATABASE_URL", db.url()), "db", "execute", "--file", "index.sql");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("The script index.sql failed at line 5")
        .endsWith("These 3 statements of the script were committed before the failure and remain applied:\n"
            + "  line 1: CREATE TABLE coach (id int);\n"
            + "  line 2: INSERT INTO coach VALUES (1);\n"
            + "  line 3: CREATE INDEX CONCURRENTLY coach_id ON coach (id);\n");
    assertThat(db.queryColumn("SELECT id::text FROM coach")).containsExactly("1");
  }

  @Test
  void a_missing_file_is_named() {
    CliRun run = CliRun.in(dir, Map.of("DATABASE_URL", "postgresql://u@127.0.0.1:1/x"), "db", "execute", "--file", "nope.sql");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("The script nope.sql does not exist.");
  }

  @Test
  void needs_exactly_one_of_file_and_stdin() throws IOException {
    Files.writeString(dir.resolve("x.sql"), "SELECT 1;");
    assertThat(CliRun.in(dir, "db", "execute").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.in(dir, "db", "execute", "--file", "x.sql", "--stdin").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void without_a_url_it_says_where_it_looked() throws IOException {
    Files.writeString(dir.resolve("x.sql"), "SELECT 1;");
    CliRun run = CliRun.in(dir, Map.of(), "db", "execute", "--file", "x.sql");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("Looked at:").contains("--url: not given").contains("DATABASE_URL: not set")
        .contains("the Strata dev database").contains("Start one with `strata dev`");
  }
}
