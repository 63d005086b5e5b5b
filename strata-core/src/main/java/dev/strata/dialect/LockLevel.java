package dev.strata.dialect;

/**
 * The strongest table-level lock a statement takes, in PostgreSQL's order of strength (recorded
 * so the linter can flag statements that block reads or writes on busy tables).
 */
public enum LockLevel {
  /** Takes no lock on an existing table (creates a new object). */
  NONE,
  ACCESS_SHARE,
  ROW_SHARE,
  ROW_EXCLUSIVE,
  SHARE_UPDATE_EXCLUSIVE,
  SHARE,
  SHARE_ROW_EXCLUSIVE,
  EXCLUSIVE,
  ACCESS_EXCLUSIVE;

  /** The lock's name as PostgreSQL spells it ({@code ACCESS EXCLUSIVE}). */
  public String sqlName() {
    return name().replace('_', ' ');
  }

  /** True when the lock blocks plain reads ({@code SELECT}) of the table. */
  public boolean blocksReads() {
    return this == ACCESS_EXCLUSIVE;
  }

  /** True when the lock blocks writes ({@code INSERT/UPDATE/DELETE}) to the table. */
  public boolean blocksWrites() {
    return compareTo(SHARE) >= 0;
  }
}
