/**
 * Project configuration: where the schema and migrations are, which {@code .env} files apply, and
 * which database to talk to, resolved the way Prisma 6 and 7 do.
 *
 * <p>Entry point for the CLI: {@link dev.strata.config.ProjectConfig#resolve} with {@link
 * dev.strata.config.ProjectOptions} built from the flags; then {@code readSchema()}, {@code
 * migrationsDir()}, {@code databaseUrl()} (a {@link dev.strata.config.DatabaseUrl}, whose {@code
 * toJdbcUrl()} and {@code toJdbcProperties()} open a pgjdbc connection). The building blocks are
 * usable alone: {@link dev.strata.config.DatabaseUrl} (Prisma URL parsing, JDBC conversion, {@link
 * dev.strata.config.DatabaseUrl#mask} for any text), {@link dev.strata.config.EnvFile} and {@link
 * dev.strata.config.Environment} (dotenv), {@link dev.strata.config.PrismaConfigFile} (a static
 * reader for {@code prisma.config.ts}), {@link dev.strata.config.SchemaLocator}.
 *
 * <p>Passwords never appear in any {@code toString()}, message or exception of this package.
 */
package dev.strata.config;
