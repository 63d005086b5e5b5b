package dev.strata.migrate.run;

import dev.strata.prisma.ChronoText;
import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.migrate.history.MigrationRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prisma Migrate's user-facing errors, with Prisma's code and wording (followed by Strata's hint
 * where Prisma's names its own CLI), as {@link StrataException}s whose message starts with the code.
 */
public final class PrismaErrors {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private static final Map<String, String> CODES;

  static {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put("P1002", "timed out waiting for Prisma Migrate's advisory lock on the database");
    codes.put("P3000", "the database does not exist and could not be created");
    codes.put("P3005", "the database schema is not empty and has no migration history (baseline it)");
    codes.put("P3006", "a migration failed to apply cleanly to the shadow database");
    codes.put("P3008", "the migration is already recorded as applied");
    codes.put("P3009", "failed migrations in the database block new migrations");
    codes.put("P3011", "the migration cannot be rolled back: it was never applied");
    codes.put("P3012", "the migration cannot be rolled back: it is not in a failed state");
    codes.put("P3015", "a migration folder has no migration.sql");
    codes.put("P3017", "the migration could not be found in the migrations directory");
    codes.put("P3018", "a migration failed to apply; new migrations wait until it is resolved");
    codes.put("P3019", "migration_lock.toml names a provider other than postgresql");
    CODES = Collections.unmodifiableMap(codes);
  }

  private PrismaErrors() {}

  /** Every Prisma error code Strata reports, with its one-line meaning, in code order. */
  public static Map<String, String> codes() {
    return CODES;
  }

  /** P1002: the advisory lock was not granted in time. */
  public static StrataException advisoryLockTimeout(Duration timeout) {
    return new StrataException(ErrorCode.DATABASE, "P1002: Timed out trying to acquire a postgres advisory lock (SELECT pg_advisory_lock("
        + AdvisoryLock.KEY + ")). Timeout: " + timeout.toMillis() + "ms.\n"
        + "Another migration command kept the lock on this database for longer than that. Try again once it has finished,"
        + " or wait longer with --lock-timeout.");
  }

  /** P3005: no history table and a schema that has tables. */
  public static StrataException schemaNotEmpty(String schema, List<String> someTables) {
    return new StrataException(ErrorCode.DATABASE, "P3005: The database schema is not empty. Read more about how to baseline an existing"
        + " production database: https://pris.ly/d/migrate-baseline\n"
        + "The schema \"" + schema + "\" has tables (" + String.join(", ", someTables) + (someTables.size() >= 5 ? ", …" : "")
        + ") but no _prisma_migrations table. To adopt this database, mark the migrations it already contains as applied"
        + " (baselining): strata migrate resolve --applied <migration name>, then strata migrate deploy.");
  }

  /** P3009: failed migrations block the deploy. */
  public static StrataException failedMigrations(List<MigrationRecord> failed) {
    StringBuilder out = new StringBuilder("P3009: migrate found failed migrations in the target database, new migrations will not be applied."
        + " Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n");
    for (MigrationRecord row : failed) {
      out.append("The `").append(row.migrationName()).append("` migration started at ").append(chronoUtc(row.startedAt()))
          .append(" failed\n");
    }
    String name = failed.isEmpty() ? "<name>" : failed.get(0).migrationName();
    out.append("\nA migration that failed or was interrupted may be partly applied. Once the database is repaired:\n")
        .append("- if you reverted its changes: strata migrate resolve --rolled-back \"").append(name).append("\" (it is applied again by the next deploy)\n")
        .append("- if you completed it by hand: strata migrate resolve --applied \"").append(name).append("\"\n")
        .append("Its logs: strata migrate status --json, or the logs column of _prisma_migrations.");
    return new StrataException(ErrorCode.DATABASE, out.toString(),
        StrataException.Details.prisma("P3009").withMigration(failed.isEmpty() ? null : failed.get(0).migrationName()));
  }

  /** P3008: {@code resolve --applied} on a migration already applied. */
  public static StrataException alreadyApplied(String name) {
    return new StrataException(ErrorCode.DATABASE, "P3008: The migration `" + name + "` is already recorded as applied in the database.",
        StrataException.Details.prisma("P3008").withMigration(name));
  }

  /** P3011: {@code resolve --rolled-back} on a migration never applied. */
  public static StrataException neverApplied(String name) {
    return new StrataException(ErrorCode.DATABASE, "P3011: Migration `" + name + "` cannot be rolled back because it was never applied to the"
        + " database. Hint: did you pass in the whole migration name? (example: \"20201207184859_initial_migration\")",
        StrataException.Details.prisma("P3011").withMigration(name));
  }

  /** P3012: {@code resolve --rolled-back} on a migration that is not failed. */
  public static StrataException notFailed(String name) {
    return new StrataException(ErrorCode.DATABASE, "P3012: Migration `" + name + "` cannot be rolled back because it is not in a failed state.",
        StrataException.Details.prisma("P3012").withMigration(name));
  }

  /** P3017: {@code resolve --applied} names no migration folder. */
  public static StrataException notFound(String name) {
    return new StrataException(ErrorCode.INVALID_INPUT, "P3017: The migration " + name + " could not be found. Please make sure that the"
        + " migration exists, and that you included the whole name of the directory. (example: \"20201207184859_initial_migration\")",
        StrataException.Details.prisma("P3017").withMigration(name));
  }

  /**
   * An instant as Prisma prints one (Rust chrono's {@code DateTime<Utc>} display): seconds, then
   * the fraction with 3, 6 or 9 digits as needed, then {@code UTC}.
   */
  public static String chronoUtc(Instant instant) {
    String fraction = ChronoText.fraction(instant.getNano());
    return SECONDS.format(instant) + fraction + " UTC";
  }
}
