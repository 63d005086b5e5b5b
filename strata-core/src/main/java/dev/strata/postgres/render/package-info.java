/**
 * PostgreSQL rendering: the only place that writes DDL text. Prisma-identical statement shapes
 * ({@link dev.strata.postgres.render.PgDdlRenderer}), Prisma's type-change rules ({@link
 * dev.strata.postgres.render.PgTypeMapper}) and migration files ({@link
 * dev.strata.postgres.render.PgMigrationRenderer}).
 */
package dev.strata.postgres.render;
