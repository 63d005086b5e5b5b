/**
 * {@code db pull}'s core: rendering the schema IR of a live database as a Prisma schema the way
 * Prisma's introspection does (names, types, defaults, keys, indexes, relations, implicit
 * many-to-many tables, enums, multiSchema, warnings), merged with the existing schema on
 * re-introspection. Entry point: {@link dev.strata.prisma.pull.PrismaIntrospection}.
 */
package dev.strata.prisma.pull;
