package dev.strata.lint.observe;

import java.util.Objects;

/** A relation a statement read with sequential scans: how many scans, and how many rows they returned. */
public record RelationScan(Relation relation, long scans, long rowsRead) {
  public RelationScan {
    Objects.requireNonNull(relation, "relation");
  }
}
