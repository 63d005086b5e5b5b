package dev.strata.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A backup as {@code backup list} shows it.
 *
 * @param complete false for a run that did not finish (pg_dump killed, disk full): never good
 * @param problem why an incomplete or unreadable backup cannot be used
 * @param database the source, as {@code host:port/database}
 * @param migrationHead the latest migration applied when it was taken
 * @param verification the last verification, if any
 * @param path the backup's folder
 */
public record BackupInfo(
    String id,
    String label,
    boolean complete,
    Optional<String> problem,
    String database,
    Optional<Instant> createdAt,
    Duration duration,
    long sizeBytes,
    long databaseSizeBytes,
    String serverVersion,
    String pgDumpVersion,
    String format,
    List<TableCount> tables,
    boolean hashed,
    Optional<String> migrationHead,
    Optional<Verification> verification,
    String path,
    Optional<String> encryption) {

  /** Whether the last verification passed. */
  public boolean verified() {
    return verification.map(Verification::ok).orElse(false);
  }

  /** Whether the row counts are exact (false for a {@code --no-hash} backup: they are the statistics' estimates). */
  public boolean exactRows() {
    return tables.stream().noneMatch(TableCount::estimated);
  }

  /**
   * A table's row count (and content hash, unless taken with hashing off).
   *
   * @param estimated the count is the planner's estimate, not a count ({@code --no-hash}; 0 when the table was never analyzed)
   */
  public record TableCount(String table, long rows, Optional<String> hash, boolean estimated) {
    public TableCount(String table, long rows, Optional<String> hash) {
      this(table, rows, hash, false);
    }
  }

  /** The outcome of a verification. */
  public record Verification(VerifyLevel level, Instant at, boolean ok, List<String> problems, Duration duration) {}
}
