/**
 * The sealed vocabulary of schema changes ({@code CreateTable}, {@code ModifyTable}, {@code
 * AddIndex}, …) the differ produces and the planner consumes. Dialect-free: no SQL here.
 */
package dev.strata.schema.change;
