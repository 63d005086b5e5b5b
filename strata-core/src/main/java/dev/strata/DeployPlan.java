package dev.strata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deploy would do ({@code migrate deploy --dry-run}), found without changing anything: how
 * many migrations the directory holds, which it would apply with their statement counts, whether
 * it would create the history table, which it would apply out of order, and the guarded deploy's
 * {@link DeployPreflight} (present when migrations are pending).
 */
public record DeployPlan(int found, List<Pending> pending, boolean createsHistoryTable, List<OutOfOrderMigration> outOfOrder,
    Optional<DeployPreflight> preflight) {
  public DeployPlan {
    pending = List.copyOf(pending);
    outOfOrder = List.copyOf(outOfOrder);
    Objects.requireNonNull(preflight, "preflight");
  }

  /** A plan without a preflight. */
  public DeployPlan(int found, List<Pending> pending, boolean createsHistoryTable, List<OutOfOrderMigration> outOfOrder) {
    this(found, pending, createsHistoryTable, outOfOrder, Optional.empty());
  }

  /** A migration that would be applied, and how many statements its file holds. */
  public record Pending(String name, int statements) {
    public Pending {
      Objects.requireNonNull(name, "name");
    }
  }
}
