package dev.strata.backup;

/** How deep {@code backup verify} looks. */
public enum VerifyLevel {
  /** Every file's SHA-256 (and the manifest's own) against the manifest: catches a flipped byte, a truncated, missing or extra file, an edited manifest. */
  CHECKSUMS,
  /** The checksums, then a restore into a scratch database and every table's row count and content hash compared with the manifest. */
  RESTORE
}
