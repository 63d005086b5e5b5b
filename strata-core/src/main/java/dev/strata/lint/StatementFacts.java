package dev.strata.lint;

import dev.strata.dialect.LockLevel;
import java.util.Objects;
import java.util.Optional;

/**
 * What a lock or rewrite rule judges about one statement on one relation: the static judgement
 * (the lock mode PostgreSQL's documentation gives for the command, whether it rewrites or scans
 * the table) and, when the statement was run in a shadow database, what was observed there, which
 * wins. Also the relation's size in the target database when a URL is configured.
 */
public record StatementFacts(String relation, LockLevel staticLock, boolean staticRewrite, boolean staticScan,
    Optional<ObservedFacts> observed, Optional<TableSize> size) {

  public StatementFacts {
    Objects.requireNonNull(relation, "relation");
    Objects.requireNonNull(staticLock, "staticLock");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(size, "size");
  }

  /** The lock mode to name: the observed one if any, else the static one. */
  public String lockMode() {
    return observed.map(o -> o.lockOn(relation)).filter(s -> !s.isEmpty()).orElse(staticLock.sqlName());
  }

  public boolean rewrites() {
    return observed.map(o -> o.rewritten().contains(relation)).orElse(staticRewrite);
  }

  public boolean scans() {
    return observed.filter(ObservedFacts::scansObserved).map(o -> o.scanned().contains(relation)).orElse(staticScan);
  }

  /**
   * Whether the statement holds the application up on this relation: observed, it held a lock that
   * blocks writes and rewrote or scanned the table (or held ACCESS EXCLUSIVE); statically, the rule's own
   * judgement stands.
   */
  public boolean harmful() {
    if (observed.isEmpty()) {
      return true;
    }
    ObservedFacts o = observed.get();
    return o.blocksWrites(relation) && (rewrites() || scans() || (!staticRewrite && !staticScan));
  }

  /** "observed" or "static": where the judgement came from. */
  public String basis() {
    return observed.isPresent() ? "observed" : "static";
  }

  /** A table's size from the target database's statistics (rows estimated by pg_class.reltuples). */
  public record TableSize(long rows, long bytes) {}
}
