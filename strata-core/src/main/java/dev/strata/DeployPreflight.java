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
 * @param lintSkipped why no pending migration was linted ({@code database empty}: the database has no
 *     user table, so nothing can be locked or lost), when none was
 * @param unsafeAllowed whether the deploy goes ahead despite error-level lint findings
 *     ({@link DeploySettings#allowUnsafe()}, {@code --allow-unsafe})
 */
public record DeployPreflight(List<Migration> pending, long databaseBytes, int connections, int maxConnections, int reservedConnections,
    List<BlockingSession> blockers, Optional<String> lintSkipped, boolean unsafeAllowed) {
  /** Why a migration was not linted when the database has user tables: none of them is one it names. */
  public static final String LINT_SKIPPED_UNTOUCHED = "touches no existing table";
  /** Why no migration was linted when the database has no user table. */
  public static final String LINT_SKIPPED_EMPTY = "database empty";

  public DeployPreflight {
    pending = List.copyOf(pending);
    blockers = List.copyOf(blockers);
    Objects.requireNonNull(lintSkipped, "lintSkipped");
  }

  /** A preflight before lint was considered. */
  public DeployPreflight(List<Migration> pending, long databaseBytes, int connections, int maxConnections, int reservedConnections,
      List<BlockingSession> blockers) {
    this(pending, databaseBytes, connections, maxConnections, reservedConnections, blockers, Optional.empty(), false);
  }

  /** This preflight with the lint of its migrations ({@code pending} in the same order), as the guarded deploy fills it. */
  public DeployPreflight withLint(List<Migration> linted, Optional<String> skipped, boolean allowUnsafe) {
    return new DeployPreflight(linted, databaseBytes, connections, maxConnections, reservedConnections, blockers, skipped, allowUnsafe);
  }

  /** Why {@code migration} has no lint summary (empty when it has one). */
  public Optional<String> lintSkipped(Migration migration) {
    return migration.lint().isPresent() ? Optional.empty() : Optional.of(lintSkipped.orElse(LINT_SKIPPED_UNTOUCHED));
  }

  /** The error-level lint findings of the pending migrations, in order. */
  public List<LintFinding> lintErrors() {
    return pending.stream().flatMap(m -> m.lint().stream()).flatMap(l -> l.findings().stream())
        .filter(f -> f.severity() == LintSeverity.ERROR).toList();
  }

  /** Whether the deploy refuses to apply anything: an error-level lint finding, and unsafe deploys not allowed. */
  public boolean refuses() {
    return !unsafeAllowed && !lintErrors().isEmpty();
  }

  /** Connection slots an ordinary role can still open. */
  public int freeConnections() {
    return Math.max(0, maxConnections - reservedConnections - connections);
  }

  /**
   * A pending migration: its statement count, its {@code down.sql}, the existing relations its
   * statements name (those it creates are not there yet), and its lint summary (empty when it was
   * not linted: {@link DeployPreflight#lintSkipped(Migration)} says why).
   */
  public record Migration(String name, int statements, DownScript down, List<String> relations, Optional<LintSummary> lint) {
    public Migration {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(down, "down");
      relations = List.copyOf(relations);
      Objects.requireNonNull(lint, "lint");
    }

    /** This migration with its lint summary. */
    public Migration withLint(LintSummary value) {
      return new Migration(name, statements, down, relations, Optional.of(value));
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

  /**
   * The lint of one migration ({@code strata migrate lint}'s rules, sizes from the target): the
   * number of findings per severity, the findings, and how many were suppressed
   * ({@code -- strata-lint-ignore}, {@code strata.toml}).
   */
  public record LintSummary(int errors, int warnings, int notes, List<LintFinding> findings, int suppressed) {
    public LintSummary {
      findings = List.copyOf(findings);
    }

    /** Counts without the findings. */
    public LintSummary(int errors, int warnings, int notes) {
      this(errors, warnings, notes, List.of(), 0);
    }

    /** The summary of {@code findings}. */
    public static LintSummary of(List<LintFinding> findings, int suppressed) {
      return new LintSummary(count(findings, LintSeverity.ERROR), count(findings, LintSeverity.WARNING), count(findings, LintSeverity.INFO),
          findings, suppressed);
    }

    private static int count(List<LintFinding> findings, LintSeverity severity) {
      return (int) findings.stream().filter(f -> f.severity() == severity).count();
    }
  }
}
