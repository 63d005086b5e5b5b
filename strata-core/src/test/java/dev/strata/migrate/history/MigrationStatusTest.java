package dev.strata.migrate.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.OutOfOrderMigration;
import dev.strata.StatusResult;
import dev.strata.migrate.MigrationChecksum;
import dev.strata.migrate.MigrationFolder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MigrationStatusTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private final List<MigrationRecord> rows = new ArrayList<>();

  private static MigrationFolder folder(String name) {
    return new MigrationFolder(name, Path.of("m", name), Optional.of("-- " + name + "\n"), Optional.empty(), List.of());
  }

  private static String sum(String name) {
    return MigrationChecksum.of("-- " + name + "\n");
  }

  private MigrationRecord row(String name, boolean finished, boolean rolledBack) {
    Instant start = T0.plusSeconds(rows.size());
    MigrationRecord row = new MigrationRecord("id" + rows.size(), sum(name), finished ? Optional.of(start.plusMillis(15)) : Optional.empty(),
        name, Optional.empty(), rolledBack ? Optional.of(start.plusSeconds(100)) : Optional.empty(), start, finished ? 1 : 0);
    rows.add(row);
    return row;
  }

  private MigrationStatus status(String... folders) {
    return MigrationStatus.of(List.of(folders).stream().map(MigrationStatusTest::folder).toList(), rows, true);
  }

  @Test
  void all_applied_is_up_to_date() {
    row("1_a", true, false);
    row("2_b", true, false);
    MigrationStatus status = status("1_a", "2_b");
    assertThat(status.history()).isInstanceOf(HistoryDiagnostic.InSync.class);
    assertThat(status.isUpToDate()).isTrue();
    assertThat(status.entries()).extracting(MigrationStatus.Entry::state)
        .containsExactly(StatusResult.State.APPLIED, StatusResult.State.APPLIED);
    assertThat(status.entries().get(0).duration()).hasValueSatisfying(d -> assertThat(d.toMillis()).isEqualTo(15));
  }

  @Test
  void new_folders_make_the_database_behind() {
    row("1_a", true, false);
    MigrationStatus status = status("1_a", "2_b", "3_c");
    assertThat(status.history()).isEqualTo(new HistoryDiagnostic.DatabaseIsBehind(List.of("2_b", "3_c")));
    assertThat(status.pendingMigrationNames()).containsExactly("2_b", "3_c");
    assertThat(status.isUpToDate()).isFalse();
  }

  @Test
  void a_row_missing_on_disk_with_new_folders_diverges() {
    row("1_a", true, false);
    row("15_gone", true, false);
    MigrationStatus status = status("1_a", "2_b");
    assertThat(status.history()).isEqualTo(new HistoryDiagnostic.HistoriesDiverge(Optional.of("1_a"), List.of("15_gone"), List.of("2_b")));
    assertThat(status.entries()).extracting(MigrationStatus.Entry::name, MigrationStatus.Entry::state).containsExactly(
        org.assertj.core.groups.Tuple.tuple("1_a", StatusResult.State.APPLIED),
        org.assertj.core.groups.Tuple.tuple("2_b", StatusResult.State.PENDING),
        org.assertj.core.groups.Tuple.tuple("15_gone", StatusResult.State.MISSING_ON_DISK));
    assertThat(status.isUpToDate()).isFalse();
  }

  @Test
  void a_directory_behind_the_database_counts_as_up_to_date_as_in_prisma() {
    row("1_a", true, false);
    row("2_b", true, false);
    MigrationStatus status = status("1_a");
    assertThat(status.history()).isEqualTo(new HistoryDiagnostic.MigrationsDirectoryIsBehind(List.of("2_b")));
    assertThat(status.entries(StatusResult.State.MISSING_ON_DISK)).extracting(MigrationStatus.Entry::name).containsExactly("2_b");
    assertThat(status.isUpToDate()).isTrue();
  }

  @Test
  void an_unfinished_row_is_failed_and_a_rolled_back_one_is_pending_again() {
    row("1_a", true, false);
    row("2_b", false, true);
    row("3_c", false, false);
    MigrationStatus status = status("1_a", "2_b", "3_c");
    assertThat(status.failedMigrationNames()).containsExactly("3_c");
    assertThat(status.entries()).extracting(MigrationStatus.Entry::state).containsExactly(
        StatusResult.State.APPLIED, StatusResult.State.ROLLED_BACK, StatusResult.State.FAILED);
    assertThat(status.pendingMigrationNames()).containsExactly("2_b");
    // Prisma leaves rolled-back rows out, so 2_b is unapplied (Prisma 7: "Following migration have not yet been applied: 2_b").
    assertThat(status.history()).isEqualTo(new HistoryDiagnostic.DatabaseIsBehind(List.of("2_b")));
    assertThat(status.isUpToDate()).isFalse();
  }

  @Test
  void a_reapplied_migration_counts_once() {
    row("1_a", false, true);
    row("1_a", true, false);
    MigrationStatus status = status("1_a");
    assertThat(status.history()).isInstanceOf(HistoryDiagnostic.InSync.class);
    assertThat(status.entries()).singleElement().extracting(MigrationStatus.Entry::state).isEqualTo(StatusResult.State.APPLIED);
  }

  @Test
  void an_edited_file_is_reported_and_line_ending_changes_are_not() {
    rows.add(new MigrationRecord("x", MigrationChecksum.of("-- 1_a\r\n"), Optional.of(T0), "1_a", Optional.empty(), Optional.empty(), T0, 1));
    rows.add(new MigrationRecord("y", MigrationChecksum.of("something else"), Optional.of(T0.plusSeconds(1)), "2_b", Optional.empty(),
        Optional.empty(), T0.plusSeconds(1), 1));
    MigrationStatus status = status("1_a", "2_b");
    assertThat(status.editedMigrationNames()).containsExactly("2_b");
    assertThat(status.entries()).extracting(MigrationStatus.Entry::state)
        .containsExactly(StatusResult.State.APPLIED, StatusResult.State.MODIFIED);
    assertThat(status.isUpToDate()).isTrue();
  }

  @Test
  void no_table_is_never_up_to_date() {
    MigrationStatus status = MigrationStatus.of(List.of(), List.of(), false);
    assertThat(status.history()).isInstanceOf(HistoryDiagnostic.InSync.class);
    assertThat(status.isUpToDate()).isFalse();
  }

  @Test
  void the_timestamp_is_the_leading_digits_of_the_name() {
    MigrationStatus status = status("20240101120000_init", "init");
    assertThat(status.entries().get(0).timestamp()).contains("20240101120000");
    assertThat(status.entries().get(1).timestamp()).isEmpty();
  }

  // Out-of-order histories, with Prisma 7's verdicts (A and C applied, then B dated between them).

  @Test
  void a_migration_dated_before_an_applied_one_is_only_behind_as_in_prisma() {
    row("20240101000000_a", true, false);
    row("20240301000000_c", true, false);
    MigrationStatus status = status("20240101000000_a", "20240201000000_b", "20240301000000_c");
    assertThat(status.history()).isEqualTo(new HistoryDiagnostic.DatabaseIsBehind(List.of("20240201000000_b")));
    assertThat(status.isUpToDate()).isFalse();
    assertThat(status.pendingOutOfOrder())
        .containsExactly(new OutOfOrderMigration("20240201000000_b", "20240301000000_c", false));
    assertThat(status.appliedOutOfOrder()).isEmpty();
  }

  @Test
  void a_migration_applied_out_of_order_is_up_to_date_as_in_prisma_and_reported() {
    row("20240101000000_a", true, false);
    row("20240301000000_c", true, false);
    row("20240201000000_b", true, false);
    MigrationStatus status = status("20240101000000_a", "20240201000000_b", "20240301000000_c");
    assertThat(status.history()).isInstanceOf(HistoryDiagnostic.InSync.class);
    assertThat(status.isUpToDate()).isTrue();
    assertThat(status.appliedOutOfOrder())
        .containsExactly(new OutOfOrderMigration("20240201000000_b", "20240301000000_c", true));
    assertThat(status.pendingOutOfOrder()).isEmpty();
  }

  @Test
  void diverging_histories_name_only_what_is_really_missing_on_each_side() {
    // Prisma 7 on this history: last common 20240101000000_a, not yet applied x, not found locally d.
    row("20240101000000_a", true, false);
    row("20240301000000_c", true, false);
    row("20240201000000_b", true, false);
    row("20240115000000_e", true, false);
    row("20240401000000_d", true, false);
    MigrationStatus status = status("20240101000000_a", "20240102000000_x", "20240115000000_e", "20240201000000_b", "20240301000000_c");
    assertThat(status.history()).isEqualTo(new HistoryDiagnostic.HistoriesDiverge(
        Optional.of("20240101000000_a"), List.of("20240401000000_d"), List.of("20240102000000_x")));
  }

  @Test
  void an_edited_migration_carries_the_recorded_and_the_current_checksum() {
    rows.add(new MigrationRecord("y", MigrationChecksum.of("before"), Optional.of(T0), "1_a", Optional.empty(), Optional.empty(), T0, 1));
    MigrationStatus status = status("1_a");
    assertThat(status.edits()).containsExactly(new StatusResult.Edit("1_a", MigrationChecksum.of("before"), sum("1_a")));
  }
}
