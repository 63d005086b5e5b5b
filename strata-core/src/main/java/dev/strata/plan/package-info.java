/**
 * The planner: orders the differ's changes in Prisma Migrate's step order, renders them through the
 * dialect with their reverse statements and lock levels, and lists destructive-change warnings.
 */
package dev.strata.plan;
