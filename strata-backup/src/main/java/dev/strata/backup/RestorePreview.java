package dev.strata.backup;

import java.util.List;

/**
 * What {@code backup restore} would do, before it does it.
 *
 * @param target the target database's URL, masked
 * @param targetDatabase its name
 * @param createsDatabase the database does not exist yet: it is created, nothing is dropped
 * @param replaced the target's tables that the restore drops and recreates ({@code pg_restore
 *     --clean --if-exists}), with the rows they hold now
 * @param untouched the target's tables the backup does not have: left as they are
 * @param safetyBackup a backup of the target is taken first (when anything is replaced)
 */
public record RestorePreview(String id, String target, String targetDatabase, boolean createsDatabase, List<BackupInfo.TableCount> replaced,
    List<String> untouched, boolean safetyBackup) {

  /** Whether the restore destroys data and so needs {@code Consent.dropData}. */
  public boolean needsConsent() {
    return !replaced.isEmpty();
  }
}
