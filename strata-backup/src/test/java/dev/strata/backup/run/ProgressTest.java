package dev.strata.backup.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.StrataEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a dump's or restore's progress counts tables and bytes from the client's verbose lines and the rows copied. */
class ProgressTest {
  final List<StrataEvent.BackupProgress> events = new ArrayList<>();

  private Dumps.Progress progress(int jobs) {
    Dumps.Progress progress = new Dumps.Progress(e -> events.add((StrataEvent.BackupProgress) e), 0, jobs, "dumped");
    Map<String, Dumps.Progress.Weight> weights = new LinkedHashMap<>();
    weights.put("public.small", new Dumps.Progress.Weight(100, 10));
    weights.put("public.big", new Dumps.Progress.Weight(900, 1000));
    progress.sizes(weights);
    return progress;
  }

  private StrataEvent.BackupProgress.Transfer last() {
    return events.get(events.size() - 1).transfer().orElseThrow();
  }

  @Test
  void one_job_a_table_is_finished_when_the_next_begins() {
    Dumps.Progress progress = progress(1);
    progress.table("public.small");
    assertThat(last()).satisfies(t -> {
      assertThat(t.tables()).isZero();
      assertThat(t.bytes()).isZero();
      assertThat(t.bytesTotal()).isEqualTo(1000);
      assertThat(t.left()).isEmpty();
    });
    assertThat(events.get(0).detail()).isEqualTo("[1/2] public.small · 0 B of 1000 B (0%)");
    progress.line("pg_dump: finished item 3358 TABLE DATA small"); // only parallel runs say so; ignored here
    assertThat(events).hasSize(1);
    progress.table("public.big");
    assertThat(last()).satisfies(t -> {
      assertThat(t.tables()).isEqualTo(1);
      assertThat(t.bytes()).isEqualTo(100);
      assertThat(t.fraction()).isEqualTo(0.1);
      assertThat(t.left()).isPresent();
    });
    progress.finished();
    assertThat(events.get(events.size() - 1)).satisfies(e -> {
      assertThat(e.step()).isEqualTo("dumped");
      assertThat(e.detail()).startsWith("2 tables, 1000 B in ");
      assertThat(e.transfer()).isEmpty();
    });
  }

  @Test
  void parallel_jobs_finish_tables_as_the_client_says_and_rows_copied_count_in_part() {
    Dumps.Progress progress = progress(2);
    progress.table("public.big");
    progress.table("public.small");
    assertThat(last().bytes()).as("two tables begun, none finished").isZero();
    progress.copied(Map.of("public.big", 500L));
    assertThat(events.get(events.size() - 1).step()).isEqualTo("progress");
    assertThat(last().bytes()).as("half of big's rows: half of its bytes").isEqualTo(450);
    progress.copied(Map.of("public.big", 501L));
    assertThat(events).as("no new report for less than a percent").hasSize(3);
    progress.line("pg_dump: finished item 3358 TABLE DATA small");
    assertThat(last().tables()).isEqualTo(1);
    assertThat(last().bytes()).isEqualTo(100 + 451);
    progress.copied(Map.of("public.big", 5000L));
    assertThat(last().bytes()).as("more rows than the estimate: no more than the table").isEqualTo(1000);
    progress.line("pg_dump: finished item 3354 TABLE DATA big");
    assertThat(last()).satisfies(t -> {
      assertThat(t.tables()).isEqualTo(2);
      assertThat(t.fraction()).isEqualTo(1.0);
      assertThat(t.left()).as("nothing left").isEmpty();
    });
  }

  @Test
  void without_sizes_it_counts_tables() {
    Dumps.Progress progress = new Dumps.Progress(e -> events.add((StrataEvent.BackupProgress) e), 4, 1, "restored");
    progress.table("public.a");
    progress.table("public.b");
    assertThat(last().bytesTotal()).isZero();
    assertThat(last().fraction()).isEqualTo(0.25);
    assertThat(events.get(1).detail()).startsWith("[2/4] public.b · ~").endsWith(" s left");
  }
}
