package dev.strata.operation;

import dev.strata.DeployHook;
import dev.strata.StrataConfig;
import dev.strata.StrataEvent;
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
   * The installed hooks that want to run for {@code config}. Asked only once a deploy knows that
   * migrations are pending (from the runner's preflight), so that a deploy with nothing to apply
   * does not look for hooks at all: the lookup reads every jar of the class path.
   */
  public static List<DeployHook> wanted(StrataConfig config) {
    return installed().stream().filter(h -> h.wanted(config)).toList();
  }

  /**
   * Runs {@code hooks} before the {@code pending} migrations are applied; their outcomes go to
   * {@code emit} as {@link StrataEvent.DeployHookRan} and are returned. The caller holds no
   * advisory lock: a hook may take it (the backup does, to keep migrations out while it dumps).
   */
  public static List<DeployHook.Outcome> run(List<DeployHook> hooks, StrataConfig config, List<String> pending,
      Consumer<StrataEvent> emit) {
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
