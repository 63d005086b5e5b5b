/**
 * Introspection of a live PostgreSQL (13–17) into the schema IR ({@link dev.strata.schema}).
 *
 * <p>Entry point: {@link dev.strata.postgres.inspect.PgInspector#inspect} with {@link
 * dev.strata.postgres.inspect.InspectOptions}. A fixed handful of catalog queries (the {@code .sql}
 * resources beside these classes) reads every table of the requested schemas at once, so the cost
 * does not grow with one round trip per table. The result uses the same canonical types and
 * default forms as lowering from a Prisma schema, so the differ can compare the two as records.
 */
package dev.strata.postgres.inspect;
