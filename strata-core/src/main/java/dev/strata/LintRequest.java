package dev.strata;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Strata#lint(LintRequest)} lints, and how.
 *
 * @param scope which migrations
 * @param since for {@link Scope#SINCE}: the migrations after this one
 * @param files for {@link Scope#FILES}: migration files or folders
 * @param offline no database at all: no shadow observation and no table sizes; lock and rewrite
 *     findings are the static rules' judgement
 * @param parseCache keep what the parser made of each statement in the persistent parse cache
 *     ({@code docs/lint.md}, "Parse cache"), and read it from there; default true
 */
public record LintRequest(Scope scope, Optional<String> since, List<Path> files, boolean offline, boolean parseCache) {

  /** Which migrations to lint. */
  public enum Scope {
    /** Pending on the database when one is configured (and not offline), else all. */
    DEFAULT,
    /** Those not yet applied to the configured database. */
    PENDING,
    /** Every migration of the folder. */
    ALL,
    /** Those after {@link #since()}. */
    SINCE,
    /** The files given. */
    FILES
  }

  public LintRequest {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(since, "since");
    files = List.copyOf(files);
  }

  /** With the parse cache. */
  public LintRequest(Scope scope, Optional<String> since, List<Path> files, boolean offline) {
    this(scope, since, files, offline, true);
  }

  public static LintRequest all() {
    return new LintRequest(Scope.ALL, Optional.empty(), List.of(), false);
  }

  public static LintRequest pending() {
    return new LintRequest(Scope.PENDING, Optional.empty(), List.of(), false);
  }

  public static LintRequest since(String name) {
    return new LintRequest(Scope.SINCE, Optional.of(name), List.of(), false);
  }

  public static LintRequest files(List<Path> files) {
    return new LintRequest(Scope.FILES, Optional.empty(), files, false);
  }

  public LintRequest offline(boolean value) {
    return new LintRequest(scope, since, files, value, parseCache);
  }

  public LintRequest parseCache(boolean value) {
    return new LintRequest(scope, since, files, offline, value);
  }
}
