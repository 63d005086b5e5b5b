package dev.strata;

import java.util.Objects;

/**
 * A migration out of order: it sorts before {@code sortsBefore}, which was applied first. {@code
 * applied} tells whether it was applied since (after it) or is still pending (deploy applies it
 * after it, as Prisma does without a word; a new database runs it first).
 */
public record OutOfOrderMigration(String name, String sortsBefore, boolean applied) {
  /** The diagnostic code of a migration out of order ({@code strata explain} it). */
  public static final String CODE = dev.strata.migrate.MigrateCodes.OUT_OF_ORDER;

  public OutOfOrderMigration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sortsBefore, "sortsBefore");
  }
}
