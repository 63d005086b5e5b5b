package dev.strata.operation;

import dev.strata.Consent;
import dev.strata.DownPreview;
import dev.strata.DownResult;
import dev.strata.DownTarget;
import dev.strata.ErrorCode;
import dev.strata.StrataConfig;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.migrate.dev.MigrateDown;
import dev.strata.migrate.run.DeployOptions;
import java.util.Objects;

/**
 * {@code migrate down}, in two phases: {@link #preview} reads the history and the down files (the
 * scripts, the data they drop, or why they cannot run); {@link #down} runs them, only with
 * {@link Consent#acceptDataLoss()} when they drop data and only if the preview still holds.
 */
public final class DownOperation {
  private final StrataConfig config;

  public DownOperation(StrataConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public DownPreview preview(DownTarget target) {
    Objects.requireNonNull(target, "target");
    return toPreview(target, engine().plan(engineTarget(target)));
  }

  public DownResult down(DownPreview preview, Consent consent) {
    Objects.requireNonNull(preview, "preview");
    Objects.requireNonNull(consent, "consent");
    if (preview.refusal().isPresent()) {
      throw new StrataException(ErrorCode.INVALID_INPUT, preview.refusal().get());
    }
    if (!preview.dataLoss().isEmpty() && !consent.acceptDataLoss()) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "The rollback drops data; nothing was changed (Consent.dataLoss() accepts it):\n  - "
          + String.join("\n  - ", preview.dataLoss()));
    }
    MigrateDown.Target target = engineTarget(preview.target());
    MigrateDown.Plan expected = new MigrateDown.Plan(
        preview.steps().stream().map(s -> new MigrateDown.Step(s.migration(), s.sql())).toList(), preview.dataLoss(), preview.refusal());
    return new DownResult(engine().apply(target, expected, name -> emit(new StrataEvent.RolledBack(name))));
  }

  private MigrateDown engine() {
    return MigrateDown.of(DevOperation.url(config, "migrate down"), DevOperation.migrations(config),
        () -> emit(new StrataEvent.WaitingForLock(DeployOptions.PRISMA_ADVISORY_LOCK_TIMEOUT)));
  }

  private static MigrateDown.Target engineTarget(DownTarget target) {
    return new MigrateDown.Target(target.steps(), target.to());
  }

  private static DownPreview toPreview(DownTarget target, MigrateDown.Plan plan) {
    return new DownPreview(target, plan.steps().stream().map(s -> new DownPreview.Step(s.migration(), s.sql())).toList(),
        plan.drops(), plan.refusal());
  }

  private void emit(StrataEvent event) {
    try {
      config.listener().on(event);
    } catch (RuntimeException e) {
      // Reporting must not change what the operation does.
    }
  }
}
