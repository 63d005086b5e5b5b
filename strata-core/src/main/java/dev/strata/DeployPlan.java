package dev.strata;

import java.util.List;
import java.util.Objects;

/**
 * What a deploy would do ({@code migrate deploy --dry-run}), found without changing anything: how
 * many migrations the directory holds, which it would apply with their statement counts, whether
 * it would create the history table, and which it would apply out of order.
 */
public record DeployPlan(int found, List<Pending> pending, boolean createsHistoryTable, List<OutOfOrderMigration> outOfOrder) {
  public DeployPlan {
    pending = List.copyOf(pending);
    outOfOrder = List.copyOf(outOfOrder);
  }

  /** A migration that would be applied, and how many statements its file holds. */
  public record Pending(String name, int statements) {
    public Pending {
      Objects.requireNonNull(name, "name");
    }
  }
}
