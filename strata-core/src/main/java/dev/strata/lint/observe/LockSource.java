package dev.strata.lint.observe;

/** How a statement's locks were seen. */
public enum LockSource {
  /** From {@code pg_locks} of the migration's own transaction after the statement, before commit: every relation lock it added. */
  TRANSACTION,
  /**
   * Sampled from a second connection while the statement ran outside a transaction block: the
   * locks held while it waited (a concurrent index build waits for the sampling connection's
   * snapshot), or at the moments sampled; a lock held only briefly may be missed.
   */
  SAMPLED,
  /** Not observed: the statement ran outside a transaction block and no second connection was given. */
  NOT_OBSERVED
}
