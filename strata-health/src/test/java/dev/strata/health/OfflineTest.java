package dev.strata.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.StrataException;
import dev.strata.health.config.HealthSettings;
import dev.strata.health.queries.QueryFile;
import dev.strata.health.snapshot.GrowthProjection;
import dev.strata.health.snapshot.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts that need no database: growth arithmetic, the queries file, strata.toml. */
class OfflineTest {
  @TempDir Path dir;

  private static Snapshot at(Instant time, long databaseBytes, long tableBytes) {
    return new Snapshot(time, List.of(new Snapshot.Size("database", "", "shop", databaseBytes, 0),
        new Snapshot.Size("table", "public", "Order", tableBytes, 10)));
  }

  @Test
  void growth_is_the_least_squares_slope_and_projects_linearly() {
    Instant now = Instant.parse("2026-12-07T00:00:00Z");
    List<Snapshot> history = List.of(at(now.minus(Duration.ofDays(2)), 1000, 100), at(now.minus(Duration.ofDays(1)), 1100, 200));
    List<Growth> rows = GrowthProjection.project(history, at(now, 1200, 300), 0);
    Growth database = rows.get(0);
    assertThat(database.database()).isTrue();
    assertThat(database.bytesPerDay()).isCloseTo(100, Offset.offset(1e-6));
    assertThat(database.percentPerDay()).isCloseTo(10, Offset.offset(1e-6));
    assertThat(List.of(database.in30Days(), database.in90Days(), database.in365Days())).containsExactly(4200L, 10200L, 37700L);
    assertThat(rows.get(1).name()).isEqualTo("public.Order");
    assertThat(rows.get(1).bytesPerDay()).isCloseTo(100, Offset.offset(1e-6));
    // shrinking never projects below zero; one measurement grows at 0
    assertThat(GrowthProjection.project(List.of(at(now.minus(Duration.ofDays(1)), 5000, 0)), at(now, 1000, 0), 0).get(0).in365Days()).isZero();
    assertThat(GrowthProjection.project(List.of(), at(now, 1000, 0), 0).get(0).bytesPerDay()).isZero();
  }

  @Test
  void the_queries_file_reads_directives_and_keeps_other_comments_in_the_sql() throws Exception {
    Path file = dir.resolve("queries.sql");
    Files.writeString(file, """
        -- header comment

        -- query: a
        -- uses-index: A_idx
        -- uses-index: B_idx
        -- no-seq-scan: T
        -- rows: 3
        -- result: x
        -- max-ms: 12.5ms
        SELECT 1
          -- inside: not a directive once the SQL began
          ;
        -- query: b
        SELECT 2;;
        """);
    QueryFile parsed = QueryFile.read(file);
    assertThat(parsed.queries()).hasSize(2);
    QueryFile.NamedQuery a = parsed.queries().get(0);
    assertThat(a.usesIndex()).containsExactly("A_idx", "B_idx");
    assertThat(a.noSeqScan()).containsExactly("T");
    assertThat(a.rows()).hasValue(3L);
    assertThat(a.result()).hasValue("x");
    assertThat(a.maxMs()).hasValue(12.5);
    assertThat(a.sql()).isEqualTo("SELECT 1\n  -- inside: not a directive once the SQL began");
    assertThat(parsed.queries().get(1).sql()).isEqualTo("SELECT 2");
    assertThat(parsed.queries().get(1).line()).isEqualTo(13);
  }

  @Test
  void strata_toml_errors_name_the_line() throws Exception {
    Files.writeString(dir.resolve("strata.toml"), "[health]\nskip = [\"a\"\n");
    assertThatThrownBy(() -> HealthSettings.read(dir)).isInstanceOf(StrataException.class).hasMessageStartingWith("strata.toml:");
    Files.writeString(dir.resolve("strata.toml"), "[project]\nname = \"x\"\n");
    assertThat(HealthSettings.read(dir).thresholds()).isEmpty();
    Files.writeString(dir.resolve("strata.toml"), "[health]\nsnapshots = \"s.jsonl\"\n[health.connections]\nwarning = 70\n");
    HealthSettings settings = HealthSettings.read(dir);
    assertThat(settings.snapshots()).isEqualTo(Optional.of("s.jsonl"));
    assertThat(settings.threshold("connections", "warning")).hasValue(70.0);
  }

  @Test
  void every_check_has_its_sql_beside_it_and_a_unique_id() {
    List<CheckInfo> checks = Health.checks();
    assertThat(checks).hasSizeGreaterThanOrEqualTo(30);
    assertThat(checks.stream().map(CheckInfo::id).distinct()).hasSize(checks.size());
    for (CheckInfo check : checks) {
      boolean javaOnly = List.of("database-growth", "backup-freshness", "migration-state").contains(check.id());
      assertThat(getClass().getResource("/dev/strata/health/check/" + check.id() + ".sql") != null || javaOnly)
          .as(check.id() + ".sql").isTrue();
    }
  }
}
