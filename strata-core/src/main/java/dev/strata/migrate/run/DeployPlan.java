package dev.strata.migrate.run;

import java.util.List;
import java.util.Objects;

/**
 * What {@code migrate deploy} would do, found without changing anything: how many migrations the
 * directory has, which it would apply (with their statement counts) and whether it would create the
 * history table.
 */
public record DeployPlan(int found, List<Pending> pending, boolean createsHistoryTable) {
  /** A migration that would be applied, and how many statements its file holds. */
  public record Pending(String name, int statements) {
    public Pending {
      Objects.requireNonNull(name, "name");
    }
  }

  public DeployPlan {
    pending = List.copyOf(pending);
  }
}
