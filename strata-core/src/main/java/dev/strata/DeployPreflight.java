package dev.strata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a guarded deploy checks before it applies anything (seed 001's pre-migration checklist):
 * the pending migrations (each with its {@code down.sql} state and the relations its statements
 * name), the database's size, the client connections against {@code max_connections} (less the
 * reserved slots), and the sessions that already hold locks on those relations and are idle in a
 * transaction or have been running for a while: they would block the migration.
 *
 * <p>The relations come from a cheap reading of each statement ({@code ALTER TABLE}, {@code CREATE
 * INDEX … ON}, {@code DROP TABLE}, {@code TRUNCATE}, {@code LOCK}, DML targets, {@code REFERENCES}),
 * not from a parse of the SQL grammar; a statement of another form names none. The sessions are
 * those of {@code pg_locks} holding a granted lock on one of these relations.
 *
 * @param databaseBytes {@code pg_database_size(current_database())}
 * @param connections client backends connected now ({@code pg_stat_activity}), this one included
 * @param maxConnections {@code max_connections}
 * @param reservedConnections {@code superuser_reserved_connections} plus {@code reserved_connections}
 *     (PostgreSQL 16+): the slots an ordinary role cannot use
 */
public record DeployPreflight(List<Migration> pending, long databaseBytes, int connections, int maxConnections, int reservedConnections,
    List<BlockingSession> blockers) {
  public DeployPreflight {
    pending = List.copyOf(pending);
    blockers = List.copyOf(blockers);
  }

  /** Connection slots an ordinary role can still open. */
  public int freeConnections() {
    return Math.max(0, maxConnections - reservedConnections - connections);
  }

  /**
   * A pending migration: its statement count, its {@code down.sql}, the existing relations its
   * statements name (those it creates are not there yet), and its lint summary — always empty until
   * {@code strata migrate lint} is part of deploy (no value is made up meanwhile).
   */
  public record Migration(String name, int statements, DownScript down, List<String> relations, Optional<LintSummary> lint) {
    public Migration {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(down, "down");
      relations = List.copyOf(relations);
      Objects.requireNonNull(lint, "lint");
    }
  }

  /** The {@code down.sql} beside a migration, as {@code migrate dev} marked it. */
  public enum DownScript {
    /** No {@code down.sql}: the migration cannot be rolled back with {@code strata migrate down}. */
    NONE,
    /** Verified on a shadow database by {@code migrate dev} (migration, down, migration again) for this very {@code migration.sql}. */
    VERIFIED,
    /** Verified, but for an earlier version of {@code migration.sql} (edited since). */
    STALE,
    /** Marked irreversible by {@code migrate dev}: {@code migrate down} refuses it. */
    IRREVERSIBLE,
    /** Present without Strata's verification mark (written by hand). */
    UNVERIFIED
  }

  /** The number of lint findings per severity of one migration. */
  public record LintSummary(int errors, int warnings, int notes) {}
}
