/**
 * {@code db push}: make a database match a schema without a migration history. {@link
 * dev.strata.migrate.push.SchemaPush} introspects, diffs, weighs the data loss against the rows
 * actually present ({@link dev.strata.migrate.push.DataLossCheck}, as Prisma's destructive change
 * checker does) and applies the statements; it also resets schemas for {@code --force-reset}.
 */
package dev.strata.migrate.push;
