package dev.strata.operation;

import dev.strata.DeployHook;
import dev.strata.StrataConfig;
import dev.strata.StrataEvent;
import dev.strata.migrate.MigrationRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/** Runs the {@link DeployHook}s on the class path before a deploy, and says what they did. */
public final class DeployHooks {
  private DeployHooks() {}

  /** The hooks installed (none without a module that brings one). */
  public static List<DeployHook> installed() {
    List<DeployHook> hooks = new ArrayList<>();
    ServiceLoader.load(DeployHook.class, DeployHooks.class.getClassLoader()).forEach(hooks::add);
    return hooks;
  }

  /**
   * Runs every installed hook when {@code runner} has pending migrations; their outcomes go to
   * {@code emit} as {@link StrataEvent.DeployHookRan} and are returned.
   */
  public static List<DeployHook.Outcome> before(StrataConfig config, MigrationRunner runner, Consumer<StrataEvent> emit) {
    List<DeployHook> hooks = installed().stream().filter(h -> h.wanted(config)).toList();
    if (hooks.isEmpty()) {
      return List.of();
    }
    List<String> pending = runner.status().pendingMigrationNames();
    if (pending.isEmpty()) {
      return List.of();
    }
    List<DeployHook.Outcome> outcomes = new ArrayList<>();
    for (DeployHook hook : hooks) {
      hook.beforeDeploy(config, pending).ifPresent(outcome -> {
        outcomes.add(outcome);
        emit.accept(new StrataEvent.DeployHookRan(outcome.summary(), outcome.recoveryCommand()));
      });
    }
    return outcomes;
  }

  /** A failed deploy's message, with the commands that put the database back. */
  public static String withRecovery(String message, List<String> commands) {
    return commands.isEmpty() ? message
        : message + "\nTo put the database back as it was before this deploy: " + String.join("; ", commands);
  }
}
