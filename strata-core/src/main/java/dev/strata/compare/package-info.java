/**
 * Comparing two schema sources — empty, a Prisma schema, a migrations folder (replayed into a
 * shadow database), a live database — as {@code strata migrate diff} does: each side is resolved
 * to the IR, then diffed, planned and rendered.
 */
package dev.strata.compare;
