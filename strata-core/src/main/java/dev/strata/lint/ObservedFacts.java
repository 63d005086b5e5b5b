package dev.strata.lint;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What PostgreSQL was seen doing when a statement ran in a shadow database: the lock mode it held
 * per relation (from {@code pg_locks} of its own transaction), the relations it rewrote
 * (relfilenode changed) and those a constraint validation scanned. Supplied by the observation
 * engine ({@code dev.strata.lint.observe}); when present, it overrides the static judgement of the
 * lock and rewrite rules (an {@code ADD COLUMN … DEFAULT 0} seen without a rewrite is not flagged).
 *
 * @param locks lock mode per relation, in PostgreSQL's spelling ({@code AccessExclusiveLock} or
 *     {@code ACCESS EXCLUSIVE}, both accepted)
 * @param scansObserved whether the server could tell which relations were scanned (else {@code
 *     scanned} is empty and the static judgement of scans stands)
 */
public record ObservedFacts(Map<String, String> locks, Set<String> rewritten, Set<String> scanned, boolean scansObserved) {
  public ObservedFacts {
    locks = Map.copyOf(Objects.requireNonNull(locks, "locks"));
    rewritten = Set.copyOf(Objects.requireNonNull(rewritten, "rewritten"));
    scanned = Set.copyOf(Objects.requireNonNull(scanned, "scanned"));
  }

  /** Facts whose scans were observed too. */
  public ObservedFacts(Map<String, String> locks, Set<String> rewritten, Set<String> scanned) {
    this(locks, rewritten, scanned, true);
  }

  /** The lock mode held on {@code relation}, normalised to {@code ACCESS EXCLUSIVE} form, or empty. */
  public String lockOn(String relation) {
    String mode = locks.get(relation);
    if (mode == null) {
      return "";
    }
    String m = mode.endsWith("Lock") ? mode.substring(0, mode.length() - 4) : mode;
    return m.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(java.util.Locale.ROOT);
  }

  /** Whether the observed lock on {@code relation} blocks the application's writes or reads. */
  public boolean blocksWrites(String relation) {
    return switch (lockOn(relation)) {
      case "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE" -> true;
      default -> false;
    };
  }
}
