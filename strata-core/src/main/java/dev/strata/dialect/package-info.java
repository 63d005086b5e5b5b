/**
 * The seam between the generic differ/planner and a database: {@link dev.strata.dialect.Dialect},
 * {@link dev.strata.dialect.TypeMapper}, {@link dev.strata.dialect.DdlRenderer} and the lock levels
 * statements are tagged with.
 */
package dev.strata.dialect;
