package dev.strata.backup.manifest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a backup holds and how to prove it, written as {@code manifest.json} beside the data: never
 * a password (the source is named by host, port, database and user).
 *
 * @param formatVersion this layout's version (1)
 * @param label {@code daily}, {@code pre-migration:<name>}, {@code manual}…
 * @param migrationHead the latest migration applied to the database when it was dumped, if any
 * @param hashed whether the tables' content hashes were computed ({@code --no-hash} turns them off)
 * @param files every file of the dump, relative to the backup's folder, with its SHA-256
 * @param verification the last verification's outcome, written back by {@code backup verify}
 * @param encryption {@code openpgp-symmetric} when the files are encrypted ({@code *.pgp}), else absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    int formatVersion,
    String id,
    String label,
    Source source,
    Dump dump,
    String startedAt,
    String finishedAt,
    long durationMs,
    long sizeBytes,
    long databaseSizeBytes,
    String migrationHead,
    boolean hashed,
    List<TableEntry> tables,
    List<FileEntry> files,
    Verification verification,
    String encryption) {

  public static final int FORMAT_VERSION = 1;

  /** The database dumped, without secrets. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Source(String host, int port, String database, String user, String serverVersion, int serverVersionNum) {}

  /** How pg_dump ran. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Dump(String pgDumpVersion, String format, Integer compression, int jobs, String snapshot, String path) {}

  /** A table's row count and order-independent content hash, read in the dump's snapshot. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TableEntry(String schema, String name, long rows, String hash) {}

  /** A file of the dump and its SHA-256. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record FileEntry(String path, long size, String sha256) {}

  /** The outcome of the last {@code backup verify}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Verification(String level, String at, boolean ok, List<String> problems, long durationMs) {}

  public Manifest withVerification(Verification value) {
    return new Manifest(formatVersion, id, label, source, dump, startedAt, finishedAt, durationMs, sizeBytes, databaseSizeBytes,
        migrationHead, hashed, tables, files, value, encryption);
  }
}
