package dev.strata.lint.observe;

import java.util.Objects;

/**
 * An object a statement created, altered or dropped, as PostgreSQL's event triggers report it:
 * {@code objectType} such as {@code table}, {@code index}, {@code table column}, {@code table
 * constraint}; {@code identity} such as {@code public."User"} or {@code public."User".email};
 * {@code commandTag} such as {@code ALTER TABLE}.
 */
public record ObjectChange(Kind kind, String objectType, String identity, String commandTag) {
  /** What happened to the object. */
  public enum Kind {
    CREATED,
    ALTERED,
    DROPPED
  }

  public ObjectChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(objectType, "objectType");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(commandTag, "commandTag");
  }
}
