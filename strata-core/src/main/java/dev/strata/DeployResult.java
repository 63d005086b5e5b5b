package dev.strata;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deploy did: how many migrations the directory holds, the names of those it applied (in
 * order), whether it created {@code _prisma_migrations}, the time taken (waiting for the lock
 * included), each applied migration's {@link Outcome}, the {@link Failure} that stopped it (the
 * migration is then recorded as failed), the migration it stopped at without applying or recording
 * anything of it ({@link NotApplied}), whether it was interrupted ({@link Cancellation}), and the
 * migrations it applied out of order, and the commands that put the database back as it was before
 * this deploy ({@code recoveryCommands}: from a {@link DeployHook}, e.g. the restore of the backup
 * the backup module takes before a deploy), and for a guarded deploy ({@link DeploySettings#guarded})
 * its {@link DeployPreflight} (when migrations were pending) and its {@link DriftCheck} (when it
 * applied migrations).
 */
public record DeployResult(int found, List<String> applied, boolean createdHistoryTable, Duration elapsed, List<Outcome> outcomes,
    Optional<Failure> failure, Optional<NotApplied> notApplied, boolean interrupted, List<OutOfOrderMigration> outOfOrder,
    List<String> recoveryCommands, Optional<DeployPreflight> preflight, Optional<DriftCheck> drift) {
  public DeployResult {
    Objects.requireNonNull(preflight, "preflight");
    Objects.requireNonNull(drift, "drift");
    recoveryCommands = List.copyOf(recoveryCommands);
    applied = List.copyOf(applied);
    Objects.requireNonNull(elapsed, "elapsed");
    outcomes = List.copyOf(outcomes);
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(notApplied, "notApplied");
    outOfOrder = List.copyOf(outOfOrder);
  }

  /** Whether the database was already up to date. */
  public boolean nothingToApply() {
    return applied.isEmpty();
  }

  /** Whether every pending migration was applied. */
  public boolean succeeded() {
    return failure.isEmpty() && notApplied.isEmpty() && !interrupted;
  }

  /** One applied migration: statements run, time taken, attempts (more than one after lock timeouts), and notes. */
  public record Outcome(String name, int statements, Duration elapsed, int attempts, List<String> notes) {
    public Outcome {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(elapsed, "elapsed");
      notes = List.copyOf(notes);
    }
  }

  /** A statement of a migration: the line it starts at and its first line. */
  public record Statement(int line, String firstLine) {
    public Statement {
      Objects.requireNonNull(firstLine, "firstLine");
    }
  }

  /**
   * Why a migration failed: its file, the line of the error and the line its statement starts at,
   * the database's SQLSTATE (empty when none) and words, the statements of it committed before
   * (they stay applied), the full report ({@code message}, with the source line) and the
   * machine-readable facts under Prisma's P3018.
   */
  public record Failure(String migration, Path file, int line, int statementLine, String sqlState, String databaseMessage,
      List<Statement> committedStatements, String message, StrataException.Details details) {
    public Failure {
      Objects.requireNonNull(migration, "migration");
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(sqlState, "sqlState");
      Objects.requireNonNull(databaseMessage, "databaseMessage");
      committedStatements = List.copyOf(committedStatements);
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(details, "details");
    }

    /** Whether statements of the migration were committed before the failure. */
    public boolean earlierStatementsCommitted() {
      return !committedStatements.isEmpty();
    }
  }

  /**
   * A migration the run stopped at, of which nothing was applied or recorded; {@code detail} is the
   * database's last error, {@code blockers} the sessions its statement waited for on the last
   * attempt (seen with {@code pg_blocking_pids()} while it waited; empty when none was seen).
   */
  public record NotApplied(String migration, Reason reason, int attempts, String detail, List<BlockingSession> blockers) {
    public NotApplied {
      Objects.requireNonNull(migration, "migration");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
      blockers = List.copyOf(blockers);
    }

    public NotApplied(String migration, Reason reason, int attempts, String detail) {
      this(migration, reason, attempts, detail, List.of());
    }
  }

  /** Why a migration was left unapplied. */
  public enum Reason {
    /** Its statements waited for a lock longer than {@code lock_timeout}, on every attempt. */
    LOCK_TIMEOUT,
    /** The run was cancelled while it was applying; its transaction was rolled back. */
    INTERRUPTED,
    /** The deploy's maintenance window closed before it started; nothing of it ran. */
    WINDOW_CLOSED
  }
}
