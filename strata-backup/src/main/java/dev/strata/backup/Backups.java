package dev.strata.backup;

import dev.strata.Consent;
import dev.strata.Strata;
import dev.strata.StrataConfig;
import dev.strata.backup.run.BackupOperations;
import dev.strata.config.DatabaseUrl;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Backups of one database, taken with PostgreSQL's own {@code pg_dump} and proven by restoring
 * them: the public entry point of the {@code strata-backup} module.
 *
 * <pre>{@code
 * Backups backups = Backups.of(strata, BackupSettings.defaults(Path.of("backups")));
 * BackupInfo taken = backups.create("daily");
 * VerifyResult proof = backups.verify(taken.id(), VerifyLevel.RESTORE);
 * PrunePlan plan = backups.previewPrune();          // what GFS retention keeps, and why
 * backups.prune(plan, Consent.reset());
 * }</pre>
 *
 * <p>The database and the listener come from the {@link Strata}'s settings (a URL is needed:
 * pg_dump connects by itself). Failures throw {@link dev.strata.StrataException}.
 */
public final class Backups {
  private final BackupOperations operations;
  private final dev.strata.StrataListener listener;

  private Backups(BackupOperations operations, dev.strata.StrataListener listener) {
    this.operations = operations;
    this.listener = listener;
  }

  /** Backups of {@code strata}'s database, kept and taken as {@code settings} say. */
  public static Backups of(Strata strata, BackupSettings settings) {
    return of(strata.config(), settings, System.getenv());
  }

  /** As {@link #of(Strata, BackupSettings)}, with the environment where pg_dump is looked for ({@code PATH}). */
  public static Backups of(StrataConfig config, BackupSettings settings, Map<String, String> env) {
    return new Backups(new BackupOperations(Objects.requireNonNull(config, "config"), Objects.requireNonNull(settings, "settings"), Map.copyOf(env)),
        config.listener());
  }

  /**
   * Takes a backup: under the migration lock (never while a migration runs), pg_dump in an
   * exported snapshot, and every table's row count and content hash in that same snapshot.
   *
   * @param label {@code manual}, {@code daily}, {@code pre-migration:<name>}…
   */
  public BackupInfo create(String label) {
    return operations.create(Objects.requireNonNull(label, "label"));
  }

  /** Every backup, newest first, incomplete runs included (as not complete). */
  public List<BackupInfo> list() {
    return operations.list();
  }

  /** The newest complete backup's id. */
  public String latest() {
    return operations.latest();
  }

  /** {@code latest} names the newest complete backup wherever a backup's id is asked for. */
  public static final String LATEST = "latest";

  /** Verifies a backup at {@code level} ({@link #LATEST} for the newest complete one), and writes the outcome into its manifest. */
  public VerifyResult verify(String id, VerifyLevel level) {
    return operations.verify(resolve(id), level);
  }

  private String resolve(String id) {
    return LATEST.equals(Objects.requireNonNull(id, "id")) ? operations.latest() : id;
  }

  /**
   * What restoring {@code id} ({@link #LATEST} for the newest complete backup) would do: into
   * {@code target} when given, else into a new database named after the source and the backup.
   * Changes nothing.
   */
  public RestorePreview previewRestore(String id, Optional<DatabaseUrl> target) {
    return operations.previewRestore(resolve(id), target);
  }

  /**
   * Restores as previewed. Over an existing database it needs {@link Consent#dropData()}, takes a
   * safety backup of it first, and runs {@code pg_restore --clean --if-exists}; it refuses,
   * changing nothing, without the consent or when the target changed since the preview.
   * Afterwards every table is checked against the manifest.
   *
   * @param target the same target as given to {@link #previewRestore}
   */
  public RestoreResult restore(RestorePreview preview, Optional<DatabaseUrl> target, Consent consent) {
    return operations.restore(preview, target, consent);
  }

  /** What {@link #prune} would keep (and why) and delete, now. Changes nothing. */
  public PrunePlan previewPrune() {
    return previewPrune(Instant.now());
  }

  /** As {@link #previewPrune()}, as of {@code now}. */
  public PrunePlan previewPrune(Instant now) {
    return operations.previewPrune(now);
  }

  /** Deletes what the plan deletes; needs {@link Consent#dropData()} when it deletes anything, and refuses a stale plan. */
  public PruneResult prune(PrunePlan plan, Consent consent) {
    return operations.prune(plan, Instant.now(), consent);
  }

  /**
   * Takes backups as {@code schedule} says until {@code waiter} says stop, or until too many runs
   * in a row failed ({@link BackupSchedule.Outcome#stoppedOnFailures()}); each run is logged to the
   * listener. {@code clock} and {@code waiter} are the system's in production ({@code
   * Clock.systemUTC()}, a sleep).
   *
   * @throws dev.strata.StrataException ({@code USAGE}) for a cron expression that does not parse
   */
  public BackupSchedule.Outcome runSchedule(BackupSchedule schedule, java.time.Clock clock, BackupSchedule.Waiter waiter)
      throws InterruptedException {
    return dev.strata.backup.schedule.ScheduleRunner.run(this, schedule, clock, waiter, listener);
  }

  /** The crontab line that runs {@code command} as {@code schedule} says (for a system cron instead of the long-running process). */
  public static String crontabLine(BackupSchedule schedule, String command) {
    return dev.strata.backup.schedule.CronSchedule.parse(schedule.cron(), schedule.zone()).expression() + " " + command;
  }

  /** As {@link #prune(PrunePlan, Consent)}, as of {@code now} (the plan must have been made for the same time). */
  public PruneResult prune(PrunePlan plan, Instant now, Consent consent) {
    return operations.prune(plan, now, consent);
  }
}
