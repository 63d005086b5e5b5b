package dev.strata.migrate.run;

import dev.strata.OutOfOrderMigration;
import dev.strata.migrate.history.MigrationStatus;
import java.util.List;
import java.util.Objects;

/**
 * What {@code migrate deploy} would do, found without changing anything: how many migrations the
 * directory has, which it would apply (with their statement counts) and whether it would create the
 * history table, and which of those it would apply out of order.
 */
public record DeployPlan(int found, List<Pending> pending, boolean createsHistoryTable, List<OutOfOrderMigration> outOfOrder) {
  /** A migration that would be applied, and how many statements its file holds. */
  public record Pending(String name, int statements) {
    public Pending {
      Objects.requireNonNull(name, "name");
    }
  }

  public DeployPlan {
    pending = List.copyOf(pending);
    outOfOrder = List.copyOf(outOfOrder);
  }

  /** A plan with no migration out of order. */
  public DeployPlan(int found, List<Pending> pending, boolean createsHistoryTable) {
    this(found, pending, createsHistoryTable, List.of());
  }
}
