/**
 * Observed, not guessed: runs a migration in a database that holds the history before it (the
 * shadow) and records, per statement, what PostgreSQL actually did there.
 *
 * <p>Entry point: {@link dev.strata.lint.observe.MigrationObserver}. Open it on the shadow's
 * connection (after replaying the history with {@link dev.strata.migrate.MigrationReplayer}),
 * call {@link dev.strata.lint.observe.MigrationObserver#observe observe} for each migration to
 * check, then close it (it removes what it installed). Each migration gives an {@link
 * dev.strata.lint.observe.ObservedMigration}: one {@link dev.strata.lint.observe.ObservedStatement}
 * per statement of {@link dev.strata.migrate.SqlSplitter}, with
 *
 * <ul>
 *   <li><b>locks</b> ({@link dev.strata.lint.observe.RelationLock}): the relation locks the
 *       statement added to its transaction, read from {@code pg_locks} of the migration's own
 *       backend after the statement, before commit. A mode the transaction already held on a
 *       relation (from an earlier statement of the same transaction) is not new and not listed,
 *       which matches what a deploy would wait for. Statements that cannot run in a transaction
 *       ({@code CREATE INDEX CONCURRENTLY}…) are sampled from a second connection while they run
 *       ({@link dev.strata.lint.observe.LockSource#SAMPLED}); the second connection holds a
 *       snapshot so that a concurrent index build waits for it, and is seen while it holds its
 *       locks.</li>
 *   <li><b>rewrites</b>: relations whose {@code relfilenode} changed, or that the statement
 *       dropped and created again under the same name (the indexes of a rewritten table get new
 *       oids): a table or index rewritten into new files: {@code ALTER COLUMN … TYPE} that is not binary-compatible, {@code VACUUM
 *       FULL}, {@code CLUSTER}, {@code REINDEX}, and {@code TRUNCATE}, which starts a new empty
 *       file. Outside a transaction (PostgreSQL 15+), only the relations sampled as locked are
 *       compared.</li>
 *   <li><b>scans</b> ({@link dev.strata.lint.observe.RelationScan}): relations read by a
 *       sequential scan (constraint validation, a {@code NOT NULL} check, an index build, a
 *       rewrite, DML), from the backend's own pending statistics counters ({@code
 *       pg_stat_get_xact_numscans}) before and after the statement (on PostgreSQL 15+ every
 *       observation asks for a flush at the next idle moment, so that each transaction starts
 *       from zero; for a statement outside a transaction, the counters right after it, on 15+
 *       only).</li>
 *   <li><b>objects</b> ({@link dev.strata.lint.observe.ObjectChange}): what was created, altered
 *       or dropped, from event triggers ({@code ddl_command_end}, {@code sql_drop}) that need a
 *       superuser; without one, {@link dev.strata.lint.observe.ObservedStatement#objectsObserved}
 *       is false.</li>
 * </ul>
 *
 * <p>Inside a transaction the observation's query is sent with the statement, in the same round
 * trip, so that observing costs little more than replaying. The observer installs a schema {@code strata_observe} (a log table, two event triggers) and
 * leaves it out of every observation; observations skip system catalogs and TOAST tables.
 */
package dev.strata.lint.observe;
