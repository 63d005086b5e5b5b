package dev.strata.backup.manifest;

import com.fasterxml.jackson.annotation.JsonCreator;
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
 * @param tables every table; with {@code --no-hash} only its estimated row count (no exact count, no hash)
 * @param files every file of the dump, relative to the backup's folder, with its SHA-256
 * @param verification the last verification's outcome, written back by {@code backup verify}
 * @param encryption how the files are encrypted ({@code *.pgp}): {@code openpgp-symmetric} (a passphrase) or
 *     {@code openpgp-public-key} (to {@code encryptedTo}); absent when they are not
 * @param contentProof what proves the tables' content: {@link #PROOF_HASHES} (exact row counts and
 *     content hashes), {@link #PROOF_COUNTS} (exact row counts: {@code --no-hash} before format
 *     1.1) or {@link #PROOF_NONE} ({@code --no-hash}: no full scan, the row counts are the
 *     planner's estimates); absent in older manifests, where {@code hashed} tells
 * @param encryptedTo the public keys an {@code openpgp-public-key} backup is encrypted to (whose
 *     secret key decrypts it), else absent
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
    String encryption,
    String contentProof,
    List<Recipient> encryptedTo) {

  public static final int FORMAT_VERSION = 1;

  @JsonCreator
  public Manifest {
    encryptedTo = encryptedTo == null || encryptedTo.isEmpty() ? null : List.copyOf(encryptedTo);
  }
  public static final String PROOF_HASHES = "exact row counts and content hashes";
  public static final String PROOF_COUNTS = "exact row counts";
  public static final String PROOF_NONE = "none: row counts are estimates from the statistics (taken with --no-hash)";

  /** A manifest as written before {@code contentProof} existed. */
  public Manifest(int formatVersion, String id, String label, Source source, Dump dump, String startedAt, String finishedAt, long durationMs,
      long sizeBytes, long databaseSizeBytes, String migrationHead, boolean hashed, List<TableEntry> tables, List<FileEntry> files,
      Verification verification, String encryption) {
    this(formatVersion, id, label, source, dump, startedAt, finishedAt, durationMs, sizeBytes, databaseSizeBytes, migrationHead, hashed,
        tables, files, verification, encryption, null, null);
  }

  /** A manifest as written before {@code encryptedTo} existed. */
  public Manifest(int formatVersion, String id, String label, Source source, Dump dump, String startedAt, String finishedAt, long durationMs,
      long sizeBytes, long databaseSizeBytes, String migrationHead, boolean hashed, List<TableEntry> tables, List<FileEntry> files,
      Verification verification, String encryption, String contentProof) {
    this(formatVersion, id, label, source, dump, startedAt, finishedAt, durationMs, sizeBytes, databaseSizeBytes, migrationHead, hashed,
        tables, files, verification, encryption, contentProof, null);
  }

  /** Whether the manifest holds exact row counts (every manifest but a {@code --no-hash} one since the estimates). */
  public boolean exactRows() {
    return contentProof == null || !contentProof.equals(PROOF_NONE);
  }

  /** The database dumped, without secrets. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Source(String host, int port, String database, String user, String serverVersion, int serverVersionNum) {}

  /** How pg_dump ran. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Dump(String pgDumpVersion, String format, Integer compression, int jobs, String snapshot, String path) {}

  /**
   * A table's row count and order-independent content hash, read in the dump's snapshot; with
   * {@code --no-hash}, {@code rows} and {@code hash} are absent and {@code estimatedRows} is the
   * planner's estimate ({@code pg_class.reltuples}; absent when the table was never analyzed).
   * {@code bytes} is the statistics' size of the table when it was dumped (heap and TOAST pages,
   * no indexes), what a restore's progress is weighed by; absent in older manifests.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TableEntry(String schema, String name, Long rows, String hash, Long estimatedRows, Long bytes) {
    @JsonCreator
    public TableEntry {}

    public TableEntry(String schema, String name, long rows, String hash) {
      this(schema, name, Long.valueOf(rows), hash, null, null);
    }
  }

  /**
   * A public key a backup is encrypted to: never secret material.
   *
   * @param fingerprint the key's (primary key's) fingerprint, as {@code gpg --fingerprint} shows it without spaces
   * @param keyId the id of its encryption subkey, as {@code gpg --decrypt} names it
   * @param userId its primary user id, if it has one
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Recipient(String fingerprint, String keyId, String userId) {}

  /** A file of the dump and its SHA-256. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record FileEntry(String path, long size, String sha256) {}

  /**
   * The outcome of the last {@code backup verify}.
   *
   * @param limitation what could not be proven (a {@code --no-hash} backup's content), else absent
   * @param restoredRows the row counts a restore held, when the manifest had none to compare them with
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Verification(String level, String at, boolean ok, List<String> problems, long durationMs, String limitation,
      List<TableEntry> restoredRows) {
    @JsonCreator
    public Verification {}

    public Verification(String level, String at, boolean ok, List<String> problems, long durationMs) {
      this(level, at, ok, problems, durationMs, null, null);
    }
  }

  public Manifest withVerification(Verification value) {
    return new Manifest(formatVersion, id, label, source, dump, startedAt, finishedAt, durationMs, sizeBytes, databaseSizeBytes,
        migrationHead, hashed, tables, files, value, encryption, contentProof, encryptedTo);
  }
}
