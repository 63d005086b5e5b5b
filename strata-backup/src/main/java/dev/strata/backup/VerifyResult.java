package dev.strata.backup;

import java.time.Duration;
import java.util.List;

/**
 * What {@code backup verify} found; also written back into the backup's manifest.
 *
 * @param problems each difference: a file whose checksum differs, a table whose rows or hash differ…
 * @param filesChecked files whose checksums were compared
 * @param tablesCompared tables compared after the restore (0 at the checksums level)
 */
public record VerifyResult(String id, VerifyLevel level, boolean ok, List<String> problems, int filesChecked, int tablesCompared,
    Duration elapsed) {}
