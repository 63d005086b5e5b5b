package dev.strata.migrate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The registry of migration diagnostic codes ({@code MGxxx}), each with its one-line meaning. */
public final class MigrateCodes {
  /** The migrations directory does not exist (Prisma reads it as an empty history). */
  public static final String DIRECTORY_MISSING = "MG001";
  /** The migrations path is a file, or the directory cannot be listed. */
  public static final String DIRECTORY_UNREADABLE = "MG002";
  /** A migration folder has no {@code migration.sql} (Prisma's P3015). */
  public static final String MIGRATION_FILE_MISSING = "MG003";
  /** {@code migration_lock.toml} names a provider other than PostgreSQL (Prisma's P3019). */
  public static final String LOCK_PROVIDER_MISMATCH = "MG004";
  /** {@code migration_lock.toml} has no {@code provider} line (Prisma's P3019 with {@code <PROVIDER NOT FOUND>}). */
  public static final String LOCK_PROVIDER_MISSING = "MG005";
  /** A migration file ({@code migration.sql}, {@code down.sql}) is not UTF-8 text; Strata refuses it, naming the byte offset. */
  public static final String NOT_UTF8 = "MG006";
  /** A migration file exists but cannot be read. */
  public static final String FILE_UNREADABLE = "MG007";
  /** A symbolic link in the migrations directory, which Prisma does not count as a migration folder. */
  public static final String SYMLINK_IGNORED = "MG008";
  /** A migration sorts before one already applied: deploy applies it out of order (Prisma says nothing). */
  public static final String OUT_OF_ORDER = "MG009";
  /** An applied migration's {@code migration.sql} changed since it was applied (checksum mismatch). */
  public static final String MODIFIED_AFTER_APPLYING = "MG010";

  private static final Map<String, String> ALL;

  static {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(DIRECTORY_MISSING, "migrations directory does not exist (read as an empty history)");
    all.put(DIRECTORY_UNREADABLE, "migrations path is not a readable directory");
    all.put(MIGRATION_FILE_MISSING, "migration folder without migration.sql");
    all.put(LOCK_PROVIDER_MISMATCH, "migration_lock.toml names a provider other than postgresql");
    all.put(LOCK_PROVIDER_MISSING, "migration_lock.toml has no provider line");
    all.put(NOT_UTF8, "migration file is not valid UTF-8 (refused, with the byte offset)");
    all.put(FILE_UNREADABLE, "migration file cannot be read");
    all.put(SYMLINK_IGNORED, "symbolic link in the migrations directory is not a migration folder");
    all.put(OUT_OF_ORDER, "migration sorts before one already applied (applied out of order)");
    all.put(MODIFIED_AFTER_APPLYING, "migration modified after it was applied (checksum mismatch)");
    ALL = Collections.unmodifiableMap(all);
  }

  private MigrateCodes() {}

  /** Every code with its one-line description, in code order. */
  public static Map<String, String> all() {
    return ALL;
  }
}
