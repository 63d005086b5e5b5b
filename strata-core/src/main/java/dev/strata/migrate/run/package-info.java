/**
 * The parts of the migration runner ({@link dev.strata.migrate.MigrationRunner}): its options,
 * progress events, results, the advisory lock and Prisma's error messages.
 */
package dev.strata.migrate.run;
