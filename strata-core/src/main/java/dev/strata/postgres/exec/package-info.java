/**
 * Running SQL scripts on a live PostgreSQL: {@link dev.strata.postgres.exec.PgSession} sends
 * statements exactly as written with explicit transaction control, and {@link
 * dev.strata.postgres.exec.PgError} reads the server's error fields (SQLSTATE, detail, hint,
 * position) from the driver's exception.
 */
package dev.strata.postgres.exec;
