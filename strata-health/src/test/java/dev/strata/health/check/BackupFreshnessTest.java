package dev.strata.health.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.BackupCatalog;
import dev.strata.health.CheckStatus;
import dev.strata.health.Severity;
import dev.strata.health.config.HealthSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How {@code backup-freshness} grades a listing of backups: age, verification, runs that never finished, thresholds. */
class BackupFreshnessTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private final BackupFreshness check = new BackupFreshness();

  private Finding judge(HealthSettings settings, BackupCatalog.Backup... backups) {
    CheckContext ctx = new CheckContext(null, settings, Optional.empty(), Path.of("."), Map.of()).on(check);
    return check.judge(ctx, new BackupCatalog.Listing("/srv/backups", List.of(backups)), NOW);
  }

  private Finding judge(BackupCatalog.Backup... backups) {
    return judge(HealthSettings.defaults(), backups);
  }

  private static BackupCatalog.Backup backup(String id, Duration age, boolean complete, Optional<BackupCatalog.Verification> verification) {
    return new BackupCatalog.Backup(id, "daily", complete, Optional.of(NOW.minus(age)), verification);
  }

  private static Optional<BackupCatalog.Verification> verified(Duration ago, boolean ok) {
    return Optional.of(new BackupCatalog.Verification("restore", NOW.minus(ago), ok));
  }

  @Test
  void no_backup_at_all_is_critical_and_says_where_it_looked() {
    Finding finding = judge();
    assertThat(finding.status()).isEqualTo(CheckStatus.FOUND);
    assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(finding.summary()).isEqualTo("no backup in /srv/backups");
    assertThat(finding.fix()).hasValueSatisfying(f -> assertThat(f).contains("skip = [\"backup-freshness\"]"));
  }

  @Test
  void only_runs_that_never_finished_are_critical() {
    Finding finding = judge(backup("b", Duration.ofHours(1), false, Optional.empty()));
    assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(finding.summary()).contains("no complete backup", "1 run(s) never finished");
  }

  @Test
  void a_fresh_verified_backup_passes_with_its_evidence() {
    Finding finding = judge(backup("20261207-110000-aaaa", Duration.ofHours(1), true, verified(Duration.ofMinutes(30), true)));
    assertThat(finding.status()).isEqualTo(CheckStatus.PASSED);
    assertThat(finding.summary()).contains("newest 20261207-110000-aaaa", "1.0 h old", "last verified");
    assertThat(finding.rows()).singleElement().satisfies(r -> assertThat(r).contains("20261207-110000-aaaa", "yes"));
  }

  @Test
  void age_is_graded_by_the_hours_thresholds_which_strata_toml_may_change() {
    Optional<BackupCatalog.Verification> ok = verified(Duration.ofHours(1), true);
    assertThat(judge(backup("old", Duration.ofHours(30), true, ok)).severity()).isEqualTo(Severity.WARNING);
    assertThat(judge(backup("older", Duration.ofHours(51), true, ok)).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(judge(backup("older", Duration.ofHours(51), true, ok)).summary()).contains("newest backup is 2.1 days old (past 50 h)");
    HealthSettings weekly = HealthSettings.defaults().with("backup-freshness", "warning_hours", 24 * 8)
        .with("backup-freshness", "critical_hours", 24 * 15);
    assertThat(judge(weekly, backup("weekly", Duration.ofDays(3), true, ok)).status()).isEqualTo(CheckStatus.PASSED);
  }

  @Test
  void verification_never_passed_failed_or_stale_is_reported() {
    assertThat(judge(backup("unverified", Duration.ofHours(1), true, Optional.empty())))
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING))
        .satisfies(f -> assertThat(f.summary()).contains("no backup has passed a verification"));
    assertThat(judge(backup("bad", Duration.ofHours(1), true, verified(Duration.ofMinutes(5), false)),
        backup("good", Duration.ofHours(25), true, verified(Duration.ofHours(20), true))))
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL))
        .satisfies(f -> assertThat(f.summary()).contains("the newest backup bad failed its last verification"));
    assertThat(judge(backup("fresh", Duration.ofHours(1), true, Optional.empty()),
        backup("checked", Duration.ofDays(9), true, verified(Duration.ofDays(8), true))))
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING))
        .satisfies(f -> assertThat(f.summary()).contains("the last passed verification was 8.0 days ago"));
    assertThat(judge(backup("fresh", Duration.ofHours(1), true, Optional.empty()),
        backup("checked", Duration.ofDays(40), true, verified(Duration.ofDays(31), true))).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void runs_that_never_finished_after_the_newest_backup_warn_once_past_the_grace() {
    Optional<BackupCatalog.Verification> ok = verified(Duration.ofHours(1), true);
    Finding stuck = judge(backup("stuck", Duration.ofHours(7), false, Optional.empty()), backup("good", Duration.ofHours(10), true, ok));
    assertThat(stuck.severity()).isEqualTo(Severity.WARNING);
    assertThat(stuck.summary()).contains("1 later run(s) never finished");
    Finding running = judge(backup("running", Duration.ofMinutes(20), false, Optional.empty()), backup("good", Duration.ofHours(10), true, ok));
    assertThat(running.status()).as("a run started 20 minutes ago may still be running").isEqualTo(CheckStatus.PASSED);
  }
}
