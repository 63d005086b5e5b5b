package dev.strata.lint;

import dev.strata.dialect.LockLevel;
import java.util.List;

/** What a rule sees around the statement it checks, and how it reports. */
public interface RuleScope {
  /** Reports a finding on the statement. */
  void report(String message);

  /** Reports a finding about {@code relation}. */
  void report(String message, String relation);

  /**
   * Reports a finding about {@code relation} with a fix written for it (the table and columns of
   * this statement), instead of the rule's general example.
   */
  void report(String message, String relation, String fix);

  /**
   * Reports a lock or rewrite finding on {@code relation}, unless the relation was created in the
   * same migration, an observation shows the statement did not hold the application up, or the
   * target database says the table is small. Large tables make it an error.
   */
  void lock(String relation, LockLevel lock, boolean rewrite, boolean scan, String message);

  /**
   * Whether the statement was observed running in a shadow database: a rule whose static test
   * cannot tell (a default that may or may not rewrite, a type change that may be metadata-only)
   * then calls {@link #lock} anyway, and the observation decides.
   */
  boolean observed();

  /** Whether {@code relation} (a table or index) was created earlier in the same migration file. */
  boolean createdHere(String relation);

  /** Whether a {@code SET lock_timeout} ran earlier in the file. */
  boolean lockTimeoutSet();

  /** Whether the project's migrations are Prisma's (a {@code migration_lock.toml} beside them). */
  boolean prisma();

  /** Every statement of the file, and the index of the one being checked. */
  List<LintStatement> fileStatements();

  int index();

  /** Whether the file opens an explicit transaction ({@code BEGIN}) before this statement. */
  boolean inExplicitTransaction();

  /** Whether a constraint of {@code relation} was validated earlier in the file ({@code VALIDATE CONSTRAINT}). */
  boolean validatedEarlier(String relation);

  /** Whether an index whose leading columns are {@code columns} is known on {@code relation}. */
  boolean indexed(String relation, List<String> columns);

  /** Whether {@code relation}'s creation was seen in the files linted (so its indexes are known). */
  boolean tableKnown(String relation);

  /**
   * The type ({@code int4}, {@code text}…) a column had before this statement, when the files
   * linted so far created or changed it; empty when unknown.
   */
  java.util.Optional<String> columnType(String relation, String column);

  /** A setting of {@code [lint]} in {@code strata.toml} (for conventions), or the default. */
  String setting(String key, String fallback);
}
