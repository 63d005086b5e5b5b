package dev.strata.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.backup.dump.CopyProgress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rows a running {@code COPY … TO STDOUT} has copied, read from {@code pg_stat_progress_copy}
 * while it runs: psql copies a table into a pipe nobody reads yet, so the COPY stays mid-table.
 */
class CopyProgressIT {
  String database;

  @BeforeEach
  void create() {
    database = LocalServer.createDatabase("strata_copy_");
    LocalServer.execute(database, "CREATE TABLE big AS SELECT g AS id, repeat('x', 200) AS pad FROM generate_series(1, 200000) g");
  }

  @AfterEach
  void drop() {
    LocalServer.dropDatabase(database);
  }

  @Test
  void sees_a_copy_mid_table_by_its_rows() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Integer.parseInt(LocalServer.value(database, "SHOW server_version_num")) >= 140000,
        "pg_stat_progress_copy needs PostgreSQL 14 or later");
    String url = LocalServer.URL.substring(0, LocalServer.URL.lastIndexOf('/') + 1) + database;
    // The pipe's reader waits until told: pg's COPY fills the pipe and stays in the middle of the table.
    Process copy = new ProcessBuilder("bash", "-c", "psql -X -q -d \"$0\" -c 'COPY big TO STDOUT' | (read -r _ < /dev/stdin; sleep 30; cat >/dev/null)", url)
        .redirectErrorStream(true).start();
    CompletableFuture<Map<String, Long>> seen = new CompletableFuture<>();
    try (CopyProgress watch = CopyProgress.watch(LocalServer.server().withDatabase(database), 100, rows -> {
      if (rows.getOrDefault("public.big", 0L) > 0) {
        seen.complete(rows);
      }
    })) {
      Map<String, Long> rows = seen.get(30, TimeUnit.SECONDS);
      assertThat(rows).containsOnlyKeys("public.big");
      assertThat(rows.get("public.big")).isBetween(1L, 199_999L);
    } finally {
      copy.destroyForcibly();
      copy.descendants().forEach(ProcessHandle::destroyForcibly);
    }
  }
}
