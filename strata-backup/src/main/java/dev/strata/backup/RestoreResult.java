package dev.strata.backup;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A finished restore, checked against the manifest.
 *
 * @param safetyBackupId the backup of the target taken before it was overwritten
 * @param contentMatches every table's row count and hash equal the manifest's
 * @param problems the differences otherwise
 */
public record RestoreResult(String id, String target, String targetDatabase, boolean createdDatabase, Optional<String> safetyBackupId,
    boolean contentMatches, List<String> problems, int tablesCompared, Duration elapsed) {}
