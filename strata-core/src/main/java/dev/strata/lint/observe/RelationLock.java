package dev.strata.lint.observe;

import dev.strata.dialect.LockLevel;
import java.util.Objects;

/** A lock a statement took on a relation, in PostgreSQL's mode ({@link LockLevel#sqlName()} gives {@code ACCESS EXCLUSIVE}). */
public record RelationLock(Relation relation, LockLevel mode) {
  public RelationLock {
    Objects.requireNonNull(relation, "relation");
    Objects.requireNonNull(mode, "mode");
  }

  /** The mode as {@code pg_locks.mode} spells it ({@code AccessExclusiveLock}) in the level it is. */
  static LockLevel modeOf(String pgLocksMode) {
    return switch (pgLocksMode) {
      case "AccessShareLock" -> LockLevel.ACCESS_SHARE;
      case "RowShareLock" -> LockLevel.ROW_SHARE;
      case "RowExclusiveLock" -> LockLevel.ROW_EXCLUSIVE;
      case "ShareUpdateExclusiveLock" -> LockLevel.SHARE_UPDATE_EXCLUSIVE;
      case "ShareLock" -> LockLevel.SHARE;
      case "ShareRowExclusiveLock" -> LockLevel.SHARE_ROW_EXCLUSIVE;
      case "ExclusiveLock" -> LockLevel.EXCLUSIVE;
      case "AccessExclusiveLock" -> LockLevel.ACCESS_EXCLUSIVE;
      default -> throw new IllegalArgumentException("unknown lock mode " + pgLocksMode);
    };
  }

  @Override
  public String toString() {
    return mode.sqlName() + " on " + relation;
  }
}
