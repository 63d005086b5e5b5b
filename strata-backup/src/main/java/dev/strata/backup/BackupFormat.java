package dev.strata.backup;

/** pg_dump's archive format. */
public enum BackupFormat {
  /** {@code -Fd}: one file per table, parallel dump and restore (the default). */
  DIRECTORY,
  /** {@code -Fc}: one file; parallel restore only. */
  CUSTOM
}
