/**
 * Prisma's migration history table ({@code _prisma_migrations}): its rows ({@link
 * dev.strata.migrate.history.MigrationRecord}), reading and writing it ({@link
 * dev.strata.migrate.history.HistoryStore}) and comparing it with a migrations directory ({@link
 * dev.strata.migrate.history.MigrationStatus}).
 */
package dev.strata.migrate.history;
