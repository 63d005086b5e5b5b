package dev.strata;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A guarded deploy refused before applying anything: it started outside its maintenance window
 * ({@link DeployWindow}). Says when the window opens next; {@code --ignore-window} (or settings
 * without a window) deploys anyway.
 */
public final class OutsideDeployWindowException extends StrataException {
  private static final long serialVersionUID = 1L;
  private final transient DeployWindow window;
  private final transient ZonedDateTime nextOpening;

  public OutsideDeployWindowException(DeployWindow window, ZonedDateTime now) {
    super(ErrorCode.CHECK_FAILED, message(Objects.requireNonNull(window, "window"), Objects.requireNonNull(now, "now")));
    this.window = window;
    this.nextOpening = window.nextOpening(now);
  }

  public DeployWindow window() {
    return window;
  }

  /** When the window opens next, in its own time zone. */
  public ZonedDateTime nextOpening() {
    return nextOpening;
  }

  private static String message(DeployWindow window, ZonedDateTime now) {
    ZonedDateTime next = window.nextOpening(now);
    Duration wait = Duration.between(now, next);
    String in = wait.toDays() > 0 ? wait.toDays() + " d " + wait.toHoursPart() + " h"
        : wait.toHours() > 0 ? wait.toHours() + " h " + wait.toMinutesPart() + " min" : Math.max(1, wait.toMinutes()) + " min";
    return "The deploy was refused before applying anything: it is outside the maintenance window ("
        + window.describe() + "). The window opens next on " + window.format(next) + ", in " + in
        + ". Deploy then, or now with --ignore-window.";
  }
}
