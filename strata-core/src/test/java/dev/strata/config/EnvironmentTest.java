package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void process_environment_wins_over_files() throws Exception {
    Path env = write(".env", "DATABASE_URL=from-file\nOTHER=file-only\n");

    Environment e = Environment.load(dir, Map.of("DATABASE_URL", "from-process"), List.of(env), true);

    assertThat(e.get("DATABASE_URL")).contains("from-process");
    assertThat(e.describe("DATABASE_URL")).isEqualTo("DATABASE_URL (from the environment)");
    assertThat(e.get("OTHER")).contains("file-only");
    assertThat(e.describe("OTHER")).isEqualTo("OTHER (from .env)");
  }

  @Test
  void an_earlier_file_wins_over_a_later_one() throws Exception {
    Path root = write(".env", "A=root\n");
    Path schema = write("prisma/.env", "A=schema\nB=schema\n");

    Environment e = Environment.load(dir, Map.of(), List.of(root, schema), true);

    assertThat(e.lookup("A").orElseThrow().describe()).isEqualTo("A (from .env)");
    assertThat(e.get("A")).contains("root");
    assertThat(e.describe("B")).isEqualTo("B (from prisma/.env)");
    assertThat(e.loadedFiles()).containsExactly(".env", "prisma/.env");
  }

  @Test
  void skips_missing_files_and_reads_a_file_only_once() throws Exception {
    Path env = write(".env", "A=1\n");

    Environment e = Environment.load(dir, Map.of(), List.of(dir.resolve("missing/.env"), env, env), false);

    assertThat(e.loadedFiles()).containsExactly(".env");
  }

  @Test
  void expands_braced_variables_from_the_environment_and_the_same_file() throws Exception {
    Path env =
        write(
            ".env",
            "HOST=db\nURL=postgresql://${USER}:${PASS}@${HOST}/app\nPASS=${SECRET}x\nESC=\\${HOST}\nBARE=$HOST\nNONE=${MISSING}end\n");

    Environment e = Environment.load(dir, Map.of("USER", "alice", "SECRET", "s"), List.of(env), true);

    assertThat(e.get("URL")).contains("postgresql://alice:sx@db/app");
    assertThat(e.get("ESC")).contains("${HOST}");
    assertThat(e.get("BARE")).contains("$HOST");
    assertThat(e.get("NONE")).contains("end");
  }

  @Test
  void expansion_prefers_the_process_value_of_a_variable() throws Exception {
    Path env = write(".env", "HOST=file\nURL=${HOST}\n");

    Environment e = Environment.load(dir, Map.of("HOST", "process"), List.of(env), true);

    assertThat(e.get("URL")).contains("process");
  }

  @Test
  void leaves_values_alone_when_expansion_is_off() throws Exception {
    Path env = write(".env", "A=1\nB=${A}\n");

    assertThat(Environment.load(dir, Map.of(), List.of(env), false).get("B")).contains("${A}");
  }

  @Test
  void survives_a_self_referencing_variable() throws Exception {
    Path env = write(".env", "A=${B}\nB=${A}\n");

    Environment e = Environment.load(dir, Map.of(), List.of(env), true);

    assertThat(e.get("A")).isPresent();
    assertThat(e.get("B")).isPresent();
  }

  @Test
  void never_prints_values() throws Exception {
    Path env = write(".env", "DATABASE_URL=postgresql://u:hunter2@h/d\n");

    Environment e = Environment.load(dir, Map.of("TOKEN", "t0ps3cret"), List.of(env), true);

    assertThat(e.toString()).doesNotContain("hunter2").doesNotContain("t0ps3cret").contains("DATABASE_URL");
    assertThat(e.lookup("DATABASE_URL").orElseThrow().toString()).doesNotContain("hunter2");
  }

  @Test
  void of_wraps_a_plain_map_and_reports_unset_names_plainly() {
    Environment e = Environment.of(Map.of("A", ""));

    assertThat(e.get("A")).contains("");
    assertThat(e.get("B")).isEmpty();
    assertThat(e.get(null)).isEmpty();
    assertThat(e.describe("B")).isEqualTo("B");
    assertThat(e.loadedFiles()).isEmpty();
  }
}
