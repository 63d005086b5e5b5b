package dev.strata;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one {@link Strata#deploy(DeploySettings)} runs: how long it waits for another deploy's
 * advisory lock, the {@code lock_timeout} of the migrations' statements and how often a migration
 * whose statement hit it is retried (back-off 0.5 s, 1 s, 2 s…), the {@link Cancellation} that
 * stops it from another thread, whether it checks before applying ({@link DeployPreflight},
 * reported as {@link StrataEvent.Preflight}), whether it checks the database against the
 * migration history afterwards ({@link DriftCheck}) and the maintenance window it may start in
 * ({@link DeployWindow}).
 *
 * <p>{@link #of} is Prisma's deploy (no statement lock timeout unless configured, no checks);
 * {@link #guarded} is the guarded deploy of {@code strata migrate deploy}: a preflight, {@code
 * lock_timeout} {@link #GUARDED_LOCK_TIMEOUT} unless configured, and the drift check. The
 * preflight lints the pending migrations that touch existing tables and refuses error-level
 * findings unless {@code allowUnsafe} ({@code docs/safe-deploys.md}).
 */
public record DeploySettings(Duration advisoryLockTimeout, Optional<Duration> statementLockTimeout, int lockRetries,
    Cancellation cancellation, boolean preflight, boolean verify, boolean allowUnsafe, Optional<DeployWindow> window,
    java.time.Clock clock) {
  /** The first back-off between attempts, doubled each time. */
  public static final Duration RETRY_BACKOFF = Duration.ofMillis(500);
  /** The statement {@code lock_timeout} of a guarded deploy when none is configured. */
  public static final Duration GUARDED_LOCK_TIMEOUT = Duration.ofSeconds(5);

  /**
   * @throws StrataException ({@code INVALID_INPUT}) for a negative wait or retry count, or a
   *     statement lock timeout that is not positive
   */
  public DeploySettings {
    Objects.requireNonNull(advisoryLockTimeout, "advisoryLockTimeout");
    Objects.requireNonNull(statementLockTimeout, "statementLockTimeout");
    Objects.requireNonNull(cancellation, "cancellation");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(clock, "clock");
    if (advisoryLockTimeout.isNegative() || lockRetries < 0
        || statementLockTimeout.filter(d -> d.isNegative() || d.isZero()).isPresent()) {
      throw new StrataException(ErrorCode.INVALID_INPUT,
          "The advisory lock timeout and lock retries must be 0 or more and the statement lock timeout more than 0.");
    }
  }

  /** Settings that refuse error-level lint findings (when the preflight lints). */
  public DeploySettings(Duration advisoryLockTimeout, Optional<Duration> statementLockTimeout, int lockRetries, Cancellation cancellation,
      boolean preflight, boolean verify) {
    this(advisoryLockTimeout, statementLockTimeout, lockRetries, cancellation, preflight, verify, false, Optional.empty(),
        java.time.Clock.systemUTC());
  }

  /** Settings without the guard's checks. */
  public DeploySettings(Duration advisoryLockTimeout, Optional<Duration> statementLockTimeout, int lockRetries, Cancellation cancellation) {
    this(advisoryLockTimeout, statementLockTimeout, lockRetries, cancellation, false, false);
  }

  /** The settings of {@code config}: its advisory lock and statement lock timeouts, 3 retries, a new cancellation, no checks. */
  public static DeploySettings of(StrataConfig config) {
    return new DeploySettings(config.advisoryLockTimeout(), config.lockTimeout(), 3, new Cancellation());
  }

  /**
   * The guarded deploy's settings for {@code config}: as {@link #of}, with a preflight, the drift
   * check, {@code lock_timeout} {@link #GUARDED_LOCK_TIMEOUT} when the config sets none, and the
   * maintenance window of the project's {@code strata.toml} ({@code [deploy] window}) if it sets one.
   */
  public static DeploySettings guarded(StrataConfig config) {
    return new DeploySettings(config.advisoryLockTimeout(), Optional.of(config.lockTimeout().orElse(GUARDED_LOCK_TIMEOUT)), 3,
        new Cancellation(), true, true).withWindow(DeployWindow.configured(config));
  }

  public DeploySettings withAdvisoryLockTimeout(Duration timeout) {
    return new DeploySettings(timeout, statementLockTimeout, lockRetries, cancellation, preflight, verify, allowUnsafe, window, clock);
  }

  public DeploySettings withStatementLockTimeout(Duration timeout) {
    return new DeploySettings(advisoryLockTimeout, Optional.of(timeout), lockRetries, cancellation, preflight, verify, allowUnsafe, window, clock);
  }

  /** These settings with no statement {@code lock_timeout}: a statement waits for its locks as long as it takes (Prisma). */
  public DeploySettings withoutStatementLockTimeout() {
    return new DeploySettings(advisoryLockTimeout, Optional.empty(), lockRetries, cancellation, preflight, verify, allowUnsafe, window, clock);
  }

  public DeploySettings withLockRetries(int retries) {
    return new DeploySettings(advisoryLockTimeout, statementLockTimeout, retries, cancellation, preflight, verify, allowUnsafe, window, clock);
  }

  public DeploySettings withCancellation(Cancellation value) {
    return new DeploySettings(advisoryLockTimeout, statementLockTimeout, lockRetries, value, preflight, verify, allowUnsafe, window, clock);
  }

  /** These settings with or without the preflight before applying. */
  public DeploySettings withPreflight(boolean value) {
    return new DeploySettings(advisoryLockTimeout, statementLockTimeout, lockRetries, cancellation, value, verify, allowUnsafe, window, clock);
  }

  /** These settings with or without the drift check after the last migration ({@code --no-verify} turns it off). */
  public DeploySettings withVerify(boolean value) {
    return new DeploySettings(advisoryLockTimeout, statementLockTimeout, lockRetries, cancellation, preflight, value, allowUnsafe, window, clock);
  }

  /**
   * These settings going ahead despite error-level lint findings of the preflight ({@code
   * --allow-unsafe}); by default the guarded deploy refuses them before applying anything
   * ({@link UnsafeDeployException}).
   */
  public DeploySettings withAllowUnsafe(boolean value) {
    return new DeploySettings(advisoryLockTimeout, statementLockTimeout, lockRetries, cancellation, preflight, verify, value, window, clock);
  }

  /**
   * These settings with a maintenance window: the deploy refuses, before applying anything, when it
   * starts outside it ({@link OutsideDeployWindowException}), and starts no further migration once
   * it has closed (the rest stay pending: {@link DeployResult.Reason#WINDOW_CLOSED}); empty deploys
   * at any time.
   */
  public DeploySettings withWindow(Optional<DeployWindow> value) {
    return new DeploySettings(advisoryLockTimeout, statementLockTimeout, lockRetries, cancellation, preflight, verify, allowUnsafe, value, clock);
  }

  /** These settings reading the time of day for the maintenance window from {@code value} (the system's clock by default). */
  public DeploySettings withClock(java.time.Clock value) {
    return new DeploySettings(advisoryLockTimeout, statementLockTimeout, lockRetries, cancellation, preflight, verify, allowUnsafe, window, value);
  }
}
