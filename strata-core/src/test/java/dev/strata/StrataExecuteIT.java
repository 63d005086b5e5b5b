package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db execute} through the Java API on the embedded PostgreSQL. */
@StrataDatabase
class StrataExecuteIT {
  @TempDir Path dir;

  @BeforeEach
  void fresh(TestDatabase db) {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  }

  private Strata strata(TestDatabase db) {
    return Strata.of(Strata.configure().url(db.url()).build());
  }

  @Test
  void runs_a_script_and_counts_its_statements(TestDatabase db) {
    ExecuteResult result = strata(db).execute("setup.sql", "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1), (2);\n");
    assertThat(result.script()).isEqualTo("setup.sql");
    assertThat(result.statements()).isEqualTo(2);
    assertThat(db.queryColumn("SELECT count(*)::text FROM t")).containsExactly("2");
  }

  @Test
  void a_failing_script_names_the_line_and_leaves_nothing_applied(TestDatabase db) {
    assertThatThrownBy(() -> strata(db).execute("bad.sql", "CREATE TABLE t (id int);\nINSERT INTO t VALUES ('x');\n"))
        .isInstanceOf(StrataException.class)
        .hasMessageContaining("The script bad.sql failed at line 2")
        .hasMessageContaining("Nothing of the script was applied");
    assertThat(db.queryColumn("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).isEmpty();
  }

  @Test
  void a_file_is_read_as_utf8_and_refused_otherwise(TestDatabase db) throws IOException {
    Path good = dir.resolve("good.sql");
    Files.writeString(good, "CREATE TABLE café (id int);\n");
    assertThat(strata(db).execute(good, "good.sql").statements()).isEqualTo(1);
    assertThat(db.queryColumn("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).containsExactly("café");

    Path latin1 = dir.resolve("latin1.sql");
    Files.write(latin1, "CREATE TABLE thé (id int);\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> strata(db).execute(latin1, "latin1.sql")).isInstanceOf(StrataException.class)
        .hasMessageContaining("The script latin1.sql cannot be run").hasMessageContaining("Nothing was sent to the database");
    assertThatThrownBy(() -> strata(db).execute(dir.resolve("none.sql"), "none.sql")).isInstanceOf(StrataException.class)
        .hasMessageContaining("does not exist");
  }
}
