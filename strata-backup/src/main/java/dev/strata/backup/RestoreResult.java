package dev.strata.backup;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A finished restore, checked against the manifest.
 *
 * @param safetyBackupId the backup of the target taken before it was overwritten
 * @param contentMatches no difference from the manifest was found: every table's row count and hash
 *     equal the manifest's, or, when {@code limitation} is present ({@code --no-hash}), every table
 *     of the manifest is there and no other
 * @param problems the differences otherwise
 * @param limitation what could not be compared (a {@code --no-hash} backup's content), else empty
 */
public record RestoreResult(String id, String target, String targetDatabase, boolean createdDatabase, Optional<String> safetyBackupId,
    boolean contentMatches, List<String> problems, int tablesCompared, Duration elapsed, Optional<String> limitation) {

  public RestoreResult(String id, String target, String targetDatabase, boolean createdDatabase, Optional<String> safetyBackupId,
      boolean contentMatches, List<String> problems, int tablesCompared, Duration elapsed) {
    this(id, target, targetDatabase, createdDatabase, safetyBackupId, contentMatches, problems, tablesCompared, elapsed, Optional.empty());
  }
}
