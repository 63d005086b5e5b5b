package dev.strata.backup;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code backup verify} found; also written back into the backup's manifest.
 *
 * @param problems each difference: a file whose checksum differs, a table whose rows or hash differ…
 * @param filesChecked files whose checksums were compared
 * @param tablesCompared tables compared after the restore (0 at the checksums level)
 * @param limitation what the verification could not prove: a {@code --no-hash} backup's content
 *     (its manifest has no exact row counts or hashes), else empty
 * @param restoredRows the row counts the restore held, recorded when the manifest had none to compare
 *     them with (empty otherwise)
 */
public record VerifyResult(String id, VerifyLevel level, boolean ok, List<String> problems, int filesChecked, int tablesCompared,
    Duration elapsed, Optional<String> limitation, List<BackupInfo.TableCount> restoredRows) {

  public VerifyResult(String id, VerifyLevel level, boolean ok, List<String> problems, int filesChecked, int tablesCompared, Duration elapsed) {
    this(id, level, ok, problems, filesChecked, tablesCompared, elapsed, Optional.empty(), List.of());
  }
}
