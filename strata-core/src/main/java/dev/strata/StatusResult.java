package dev.strata;

import java.util.List;

/**
 * What {@link Strata#status()} found, as {@code migrate status}: whether the database is up to date
 * with the migrations directory, and the migrations by state.
 *
 * @param upToDate Prisma's verdict (exit code 0 of {@code migrate status})
 * @param hasMigrationsTable whether {@code _prisma_migrations} exists
 * @param applied finished migrations, in directory order
 * @param pending migrations {@code deploy} would apply
 * @param failed migrations that started and never finished
 * @param modified applied migrations whose {@code migration.sql} changed since
 * @param missingOnDisk migrations recorded in the database with no folder
 */
public record StatusResult(
    boolean upToDate,
    boolean hasMigrationsTable,
    List<String> applied,
    List<String> pending,
    List<String> failed,
    List<String> modified,
    List<String> missingOnDisk) {
  public StatusResult {
    applied = List.copyOf(applied);
    pending = List.copyOf(pending);
    failed = List.copyOf(failed);
    modified = List.copyOf(modified);
    missingOnDisk = List.copyOf(missingOnDisk);
  }
}
