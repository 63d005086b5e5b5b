package dev.strata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Work a module does just before {@link Strata#deploy()} applies pending migrations: the backup
 * module ({@code strata-backup}) takes a {@code pre-migration:<name>} backup here. Core depends on
 * no module: hooks are found on the class path with {@link java.util.ServiceLoader} (a module lists
 * its implementation in {@code META-INF/services/dev.strata.DeployHook}); each decides from the
 * configuration whether it has anything to do.
 */
public interface DeployHook {
  /**
   * What a hook did, for the deploy's output.
   *
   * @param summary one line: {@code backup 20261207-035512-3f2a (pre-migration:20261207_add_orders)}
   * @param recoveryCommand the command that puts the database back as it was before the deploy,
   *     printed when the deploy fails
   */
  record Outcome(String summary, Optional<String> recoveryCommand) {
    public Outcome {
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(recoveryCommand, "recoveryCommand");
    }
  }

  /**
   * Whether the hook has anything to do for this configuration (asked first, so that a deploy
   * reads the pending migrations for its hooks only when one of them wants them).
   */
  default boolean wanted(StrataConfig config) {
    return true;
  }

  /**
   * Runs before the {@code pending} migrations are applied (only when there are some).
   *
   * @return what it did, or empty when it had nothing to do (not configured)
   * @throws StrataException to stop the deploy before anything is applied
   */
  Optional<Outcome> beforeDeploy(StrataConfig config, List<String> pending);
}
