package dev.strata.migrate.run;

import java.time.Duration;

/** Progress of a migration run, reported as it happens (the CLI prints it); every method does nothing by default. */
public interface DeployListener {
  /** A listener that ignores everything. */
  DeployListener NONE = new DeployListener() {};

  /** Another session holds the advisory lock; the run waits for it (reported once). */
  default void waitingForLock() {}

  /** The history table did not exist and was created. */
  default void createdHistoryTable() {}

  /** A migration starts applying. */
  default void applying(String name) {}

  /** A migration was applied. */
  default void applied(MigrationOutcome outcome) {}

  /**
   * A statement of the migration hit {@code lock_timeout}; the migration's transaction was rolled
   * back and it runs again after {@code delay}.
   */
  default void retrying(String name, int failedAttempt, int maxAttempts, Duration delay, String error) {}
}
