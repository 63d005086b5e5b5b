package dev.strata.lint.observe;

import dev.strata.dialect.LockLevel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What PostgreSQL did for one statement of a migration: its {@code index} among the script's
 * statements (from 0, as {@link dev.strata.migrate.SqlSplitter} splits it, transaction control
 * included), its first {@code line} in the file, whether it ran inside a transaction block, the
 * relation locks it took and how they were seen, the relations it rewrote and scanned, the objects
 * it created, altered or dropped, and how long it ran (the wall time of the round trip
 * that sent it, which inside a transaction also carries the observation's query). {@code scansObserved} and {@code objectsObserved} are false where the
 * server could not tell (the lists are then empty, not "nothing happened").
 */
public record ObservedStatement(
    int index,
    int line,
    String text,
    boolean inTransaction,
    LockSource lockSource,
    List<RelationLock> locks,
    List<Relation> rewritten,
    boolean scansObserved,
    List<RelationScan> scanned,
    boolean objectsObserved,
    List<ObjectChange> objects,
    Duration duration) {
  public ObservedStatement {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(lockSource, "lockSource");
    locks = List.copyOf(locks);
    rewritten = List.copyOf(rewritten);
    scanned = List.copyOf(scanned);
    objects = List.copyOf(objects);
    Objects.requireNonNull(duration, "duration");
  }

  /** The strongest lock the statement took on {@code schema.name}, if it took one. */
  public Optional<LockLevel> lockOn(String schema, String name) {
    return locks.stream()
        .filter(lock -> lock.relation().schema().equals(schema) && lock.relation().name().equals(name))
        .map(RelationLock::mode)
        .max(Enum::compareTo);
  }

  /** Whether the statement rewrote {@code schema.name}. */
  public boolean rewrote(String schema, String name) {
    return rewritten.stream().anyMatch(r -> r.schema().equals(schema) && r.name().equals(name));
  }

  /** Whether the statement read {@code schema.name} with a sequential scan. */
  public boolean scanned(String schema, String name) {
    return scanned.stream().anyMatch(s -> s.relation().schema().equals(schema) && s.relation().name().equals(name));
  }

  /** Whether the statement created {@code identity} (as the event trigger names it, e.g. {@code public.t}). */
  public boolean created(String identity) {
    return objects.stream().anyMatch(o -> o.kind() == ObjectChange.Kind.CREATED && o.identity().equals(identity));
  }
}
