package dev.strata.migrate.run;

import dev.strata.OutOfOrderMigration;
import dev.strata.migrate.history.MigrationStatus;
import java.time.Duration;
import java.util.List;

/** Progress of a migration run, reported as it happens (the CLI prints it); every method does nothing by default. */
public interface DeployListener {
  /** A listener that ignores everything. */
  DeployListener NONE = new DeployListener() {};

  /** Another session holds the advisory lock; the run waits for it (reported once). */
  default void waitingForLock() {}

  /** The history table did not exist and was created. */
  default void createdHistoryTable() {}

  /** Pending migrations that sort before one already applied: they are applied anyway, after it (reported once, before the first). */
  default void outOfOrder(List<OutOfOrderMigration> migrations) {}

  /** A migration starts applying. */
  default void applying(String name) {}

  /** A migration was applied. */
  default void applied(MigrationOutcome outcome) {}

  /**
   * A statement of the migration hit {@code lock_timeout}; the migration's transaction was rolled
   * back and it runs again after {@code delay}.
   */
  default void retrying(String name, int failedAttempt, int maxAttempts, Duration delay, String error) {}

  /** A statement of the migration waited, on {@code attempt}, for locks held by these sessions until {@code lock_timeout}. */
  default void blocked(String name, int attempt, List<dev.strata.BlockingSession> sessions) {}
}
