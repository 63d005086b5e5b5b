package dev.strata.backup;

import dev.strata.config.DatabaseUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Backups} dumps, where it keeps the backups and how long.
 *
 * @param directory the local folder of the backups (default {@code ./backups} of the project)
 * @param format {@code DIRECTORY} (parallel dump, the default) or {@code CUSTOM} (one file)
 * @param jobs parallel jobs of pg_dump/pg_restore (directory format) and connections that count and hash the tables
 * @param compression pg_dump's {@code --compress} level 0–9 (default: pg_dump's own, a moderate gzip)
 * @param lockWaitTimeout pg_dump's {@code --lock-wait-timeout}: fail rather than wait longer for a table's lock
 * @param pgBin the folder of pg_dump/pg_restore to use (default: looked for, see the README)
 * @param hash compute every table's content hash (off: row counts only, for when a full scan costs too much)
 * @param scratchUrl the server where {@code verify --level restore} makes its temporary database
 *     (default: the backed-up database's server)
 * @param scratchOnShadow {@code verify --level restore} restores into a shadow database of the
 *     configuration instead (the CLI's: the embedded PostgreSQL), sparing the server any load
 * @param retention what {@code prune} keeps
 * @param encryption encrypt every file of the dump with OpenPGP (a passphrase); needed again to restore
 * @param objectStorage keep the backups in S3-compatible object storage instead of {@code directory}
 *     (which then only stages each dump until it is uploaded)
 */
public record BackupSettings(
    Path directory,
    BackupFormat format,
    int jobs,
    Optional<Integer> compression,
    Optional<Duration> lockWaitTimeout,
    Optional<Path> pgBin,
    boolean hash,
    Optional<DatabaseUrl> scratchUrl,
    RetentionPolicy retention,
    Optional<ObjectStorage> objectStorage,
    Optional<Encryption> encryption,
    boolean scratchOnShadow) {

  public BackupSettings {
    Objects.requireNonNull(encryption, "encryption");
    Objects.requireNonNull(objectStorage, "objectStorage");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(lockWaitTimeout, "lockWaitTimeout");
    Objects.requireNonNull(pgBin, "pgBin");
    Objects.requireNonNull(scratchUrl, "scratchUrl");
    Objects.requireNonNull(retention, "retention");
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
    }
    if (compression.isPresent() && (compression.get() < 0 || compression.get() > 9)) {
      throw new IllegalArgumentException("compression must be 0 to 9, not " + compression.get());
    }
  }

  /** Directory format, 2 jobs, pg_dump's compression, hashes on, GFS 7/4/12 in UTC. */
  public static BackupSettings defaults(Path directory) {
    return new BackupSettings(directory, BackupFormat.DIRECTORY, 2, Optional.empty(), Optional.empty(), Optional.empty(), true,
        Optional.empty(), RetentionPolicy.gfs(7, 4, 12), Optional.empty(), Optional.empty(), false);
  }

  public BackupSettings withFormat(BackupFormat value) {
    return new BackupSettings(directory, value, jobs, compression, lockWaitTimeout, pgBin, hash, scratchUrl, retention, objectStorage, encryption, scratchOnShadow);
  }

  public BackupSettings withJobs(int value) {
    return new BackupSettings(directory, format, value, compression, lockWaitTimeout, pgBin, hash, scratchUrl, retention, objectStorage, encryption, scratchOnShadow);
  }

  public BackupSettings withCompression(int value) {
    return new BackupSettings(directory, format, jobs, Optional.of(value), lockWaitTimeout, pgBin, hash, scratchUrl, retention, objectStorage, encryption, scratchOnShadow);
  }

  public BackupSettings withLockWaitTimeout(Duration value) {
    return new BackupSettings(directory, format, jobs, compression, Optional.of(value), pgBin, hash, scratchUrl, retention, objectStorage, encryption, scratchOnShadow);
  }

  public BackupSettings withPgBin(Path value) {
    return new BackupSettings(directory, format, jobs, compression, lockWaitTimeout, Optional.of(value), hash, scratchUrl, retention, objectStorage, encryption, scratchOnShadow);
  }

  public BackupSettings withHash(boolean value) {
    return new BackupSettings(directory, format, jobs, compression, lockWaitTimeout, pgBin, value, scratchUrl, retention, objectStorage, encryption, scratchOnShadow);
  }

  public BackupSettings withScratchUrl(DatabaseUrl value) {
    return new BackupSettings(directory, format, jobs, compression, lockWaitTimeout, pgBin, hash, Optional.of(value), retention, objectStorage, encryption, false);
  }

  public BackupSettings withRetention(RetentionPolicy value) {
    return new BackupSettings(directory, format, jobs, compression, lockWaitTimeout, pgBin, hash, scratchUrl, value, objectStorage, encryption, scratchOnShadow);
  }

  public BackupSettings withObjectStorage(ObjectStorage value) {
    return new BackupSettings(directory, format, jobs, compression, lockWaitTimeout, pgBin, hash, scratchUrl, retention, Optional.of(value), encryption, scratchOnShadow);
  }

  public BackupSettings withEncryption(Encryption value) {
    return new BackupSettings(directory, format, jobs, compression, lockWaitTimeout, pgBin, hash, scratchUrl, retention, objectStorage,
        Optional.of(value), scratchOnShadow);
  }

  /** {@code verify --level restore} into a shadow database (the CLI's: the embedded PostgreSQL) rather than a temporary one on a server. */
  public BackupSettings withScratchOnShadow() {
    return new BackupSettings(directory, format, jobs, compression, lockWaitTimeout, pgBin, hash, Optional.empty(), retention, objectStorage,
        encryption, true);
  }

  /** The policy {@code prune} applies; counts of 0 turn a tier off. Buckets are days, ISO weeks and months in {@code zone}. */
  public record RetentionPolicy(int keepLast, int daily, int weekly, int monthly, Optional<Duration> maxAge, ZoneId zone) {
    public RetentionPolicy {
      Objects.requireNonNull(maxAge, "maxAge");
      Objects.requireNonNull(zone, "zone");
      if (keepLast < 0 || daily < 0 || weekly < 0 || monthly < 0) {
        throw new IllegalArgumentException("retention counts cannot be negative");
      }
    }

    /** The newest backup of each of the last {@code daily} days, {@code weekly} weeks, {@code monthly} months (UTC). */
    public static RetentionPolicy gfs(int daily, int weekly, int monthly) {
      return new RetentionPolicy(0, daily, weekly, monthly, Optional.empty(), ZoneId.of("UTC"));
    }
  }
}
