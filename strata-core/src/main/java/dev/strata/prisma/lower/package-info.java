/**
 * Lowering: turns a validated Prisma schema into the schema IR ({@link dev.strata.schema}) the way
 * Prisma's schema engine computes the database it wants: tables, columns, keys, indexes, foreign
 * keys, implicit many-to-many join tables, enums and extensions, with Prisma's names and defaults.
 * Entry point: {@link dev.strata.prisma.lower.PrismaLowering}.
 */
package dev.strata.prisma.lower;
