/**
 * Prisma migration histories: reading a migrations directory in Prisma's order ({@link
 * dev.strata.migrate.MigrationsDirectory}), Prisma's checksum ({@link
 * dev.strata.migrate.MigrationChecksum}), splitting scripts into PostgreSQL statements ({@link
 * dev.strata.migrate.SqlSplitter}) and replaying a history into a database ({@link
 * dev.strata.migrate.MigrationReplayer}), as used by {@code migrate diff --from-migrations} and the
 * migration runner.
 */
package dev.strata.migrate;
