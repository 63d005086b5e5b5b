package dev.strata.backup;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When {@link Backups#runSchedule} takes backups, and what it does after each.
 *
 * @param cron a five-field Unix cron expression ({@code 0 3 * * *}: 03:00 every day)
 * @param label the label of each backup ({@code daily})
 * @param verify verify each backup at the checksums level after taking it
 * @param prune prune (the settings' retention) after each successful backup
 * @param maxConsecutiveFailures stop, failed, after this many failed runs in a row
 * @param zone the time zone the cron expression is read in
 */
public record BackupSchedule(String cron, String label, boolean verify, boolean prune, int maxConsecutiveFailures, ZoneId zone) {
  public BackupSchedule {
    Objects.requireNonNull(cron, "cron");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(zone, "zone");
    if (maxConsecutiveFailures < 1) {
      throw new IllegalArgumentException("maxConsecutiveFailures must be at least 1");
    }
  }

  /** Waits until an instant (the real one sleeps; a test's moves its clock). */
  @FunctionalInterface
  public interface Waiter {
    /** Returns at {@code time}, or false when the schedule should stop (a signal). */
    boolean waitUntil(Instant time) throws InterruptedException;
  }

  /** How a schedule ended: the runs, and whether it stopped on repeated failure. */
  public record Outcome(int runs, int failures, boolean stoppedOnFailures, java.util.List<String> ids) {}
}
