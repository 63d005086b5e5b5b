package dev.strata.lint.observe;

import dev.strata.dialect.LockLevel;
import dev.strata.lint.LintStatement;
import dev.strata.lint.ObservationSource;
import dev.strata.lint.ObservedFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The observed migrations as the lint rules see them: an {@link ObservationSource} that finds, for
 * a linted statement (by file and first line, then text), what its {@link ObservedStatement} saw,
 * as {@link ObservedFacts} named the way the rules name relations ({@code name} in {@code public}
 * or the project's schema, else {@code schema.name}; both spellings are given).
 *
 * <p>The lock a statement is reported under is the strongest it took on the relation; when it
 * took none there because the same transaction already held one (an earlier statement of the
 * file locked the table), the one already held, which the statement runs under. A statement
 * outside a transaction whose locks were not seen ({@link LockSource#NOT_OBSERVED}) has no
 * observation: the static rule judges it.
 */
public final class Observations implements ObservationSource {
  private final Map<String, List<Entry>> byLine = new HashMap<>();
  private final String defaultSchema;

  private record Entry(String text, ObservedFacts facts) {}

  public Observations(String defaultSchema) {
    this.defaultSchema = defaultSchema;
  }

  /** Adds the statements of one observed migration, linted as {@code file}. */
  public void add(String file, ObservedMigration migration) {
    Map<String, LockLevel> held = new HashMap<>();
    for (ObservedStatement s : migration.statements()) {
      if (!s.inTransaction()) {
        held.clear();
      }
      if (s.lockSource() == LockSource.NOT_OBSERVED) {
        continue;
      }
      Map<String, LockLevel> own = new HashMap<>();
      for (RelationLock lock : s.locks()) {
        own.merge(key(lock.relation()), lock.mode(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
      Map<String, String> locks = new HashMap<>();
      Set<String> touched = new HashSet<>(own.keySet());
      s.rewritten().forEach(r -> touched.add(key(r)));
      s.scanned().forEach(r -> touched.add(key(r.relation())));
      for (String rel : touched) {
        LockLevel mode = own.get(rel);
        LockLevel before = held.get(rel);
        if (mode == null || (before != null && before.compareTo(mode) > 0)) {
          mode = before;
        }
        if (mode != null) {
          locks.put(rel, mode.sqlName());
        }
      }
      if (s.inTransaction()) {
        own.forEach((rel, mode) -> held.merge(rel, mode, (a, b) -> a.compareTo(b) >= 0 ? a : b));
      }
      Set<String> rewritten = new HashSet<>();
      s.rewritten().forEach(r -> rewritten.add(key(r)));
      Set<String> scanned = new HashSet<>();
      s.scanned().forEach(r -> scanned.add(key(r.relation())));
      ObservedFacts facts = new ObservedFacts(spellings(locks), spellings(rewritten), spellings(scanned), s.scansObserved());
      byLine.computeIfAbsent(file + "\0" + s.line(), k -> new ArrayList<>()).add(new Entry(s.text().strip(), facts));
    }
  }

  /** Whether any statement was observed. */
  public boolean isEmpty() {
    return byLine.isEmpty();
  }

  @Override
  public Optional<ObservedFacts> observe(LintStatement statement) {
    List<Entry> entries = byLine.get(statement.file() + "\0" + statement.line());
    if (entries == null) {
      return Optional.empty();
    }
    if (entries.size() == 1) {
      return Optional.of(entries.get(0).facts());
    }
    String text = statement.text().strip();
    return entries.stream().filter(e -> e.text().equals(text)).findFirst().map(Entry::facts);
  }

  /** The relation with its schema ({@code schema.name}); {@link #spellings} adds the bare name where the rules use it. */
  private static String key(Relation r) {
    return r.schema() + "." + r.name();
  }

  private <V> Map<String, V> spellings(Map<String, V> byQualified) {
    Map<String, V> out = new HashMap<>(byQualified);
    byQualified.forEach((k, v) -> bare(k).ifPresent(b -> out.putIfAbsent(b, v)));
    return out;
  }

  private Set<String> spellings(Set<String> qualified) {
    Set<String> out = new HashSet<>(qualified);
    qualified.forEach(k -> bare(k).ifPresent(out::add));
    return out;
  }

  private Optional<String> bare(String qualified) {
    int dot = qualified.indexOf('.');
    String schema = qualified.substring(0, dot);
    return schema.equals("public") || schema.equals(defaultSchema) ? Optional.of(qualified.substring(dot + 1)) : Optional.empty();
  }
}
