package dev.strata.backup.schedule;

import dev.strata.Consent;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.StrataListener;
import dev.strata.backup.BackupInfo;
import dev.strata.backup.BackupSchedule;
import dev.strata.backup.Backups;
import dev.strata.backup.PrunePlan;
import dev.strata.backup.VerifyLevel;
import dev.strata.backup.VerifyResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The long-running {@code backup schedule}: at every time of the cron expression a backup, then
 * optionally a checksum verification and a prune; each run logged; after the given number of
 * failed runs in a row it stops, failed (so that a container or systemd unit restarts or alerts).
 */
public final class ScheduleRunner {
  private ScheduleRunner() {}

  public static BackupSchedule.Outcome run(Backups backups, BackupSchedule schedule, Clock clock, BackupSchedule.Waiter waiter,
      StrataListener listener) throws InterruptedException {
    CronSchedule cron = CronSchedule.parse(schedule.cron(), schedule.zone());
    int runs = 0;
    int failures = 0;
    int inARow = 0;
    List<String> ids = new ArrayList<>();
    while (true) {
      Instant next = cron.next(clock.instant());
      log(listener, "next backup at " + next);
      if (!waiter.waitUntil(next)) {
        return new BackupSchedule.Outcome(runs, failures, false, List.copyOf(ids));
      }
      runs++;
      try {
        BackupInfo taken = backups.create(schedule.label());
        ids.add(taken.id());
        String verified = "";
        if (schedule.verify()) {
          VerifyResult result = backups.verify(taken.id(), VerifyLevel.CHECKSUMS);
          if (!result.ok()) {
            throw new StrataException(dev.strata.ErrorCode.CHECK_FAILED, "backup " + taken.id() + " failed verification: "
                + String.join("; ", result.problems()));
          }
          verified = ", verified";
        }
        String pruned = "";
        if (schedule.prune()) {
          PrunePlan plan = backups.previewPrune(clock.instant());
          backups.prune(plan, clock.instant(), Consent.reset());
          pruned = ", pruned " + plan.delete().size();
        }
        inARow = 0;
        log(listener, "run " + runs + ": backup " + taken.id() + " (" + taken.sizeBytes() + " bytes" + verified + pruned + ")");
      } catch (StrataException e) {
        failures++;
        inARow++;
        log(listener, "run " + runs + " failed (" + inARow + " in a row, stopping at " + schedule.maxConsecutiveFailures() + "): "
            + e.getMessage());
        if (inARow >= schedule.maxConsecutiveFailures()) {
          return new BackupSchedule.Outcome(runs, failures, true, List.copyOf(ids));
        }
      }
    }
  }

  private static void log(StrataListener listener, String message) {
    try {
      listener.on(new StrataEvent.BackupProgress("schedule", message));
    } catch (RuntimeException ignored) {
      // A broken listener cannot stop the schedule.
    }
  }
}
