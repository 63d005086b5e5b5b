package dev.strata;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one {@link Strata#deploy(DeploySettings)} runs: how long it waits for another deploy's
 * advisory lock, the {@code lock_timeout} of the migrations' statements (none by default, as
 * Prisma) and how often a migration whose statement hit it is retried (back-off 0.5 s, 1 s, 2 s…),
 * and the {@link Cancellation} that stops it from another thread.
 */
public record DeploySettings(Duration advisoryLockTimeout, Optional<Duration> statementLockTimeout, int lockRetries,
    Cancellation cancellation) {
  /** The first back-off between attempts, doubled each time. */
  public static final Duration RETRY_BACKOFF = Duration.ofMillis(500);

  /**
   * @throws StrataException ({@code INVALID_INPUT}) for a negative wait or retry count, or a
   *     statement lock timeout that is not positive
   */
  public DeploySettings {
    Objects.requireNonNull(advisoryLockTimeout, "advisoryLockTimeout");
    Objects.requireNonNull(statementLockTimeout, "statementLockTimeout");
    Objects.requireNonNull(cancellation, "cancellation");
    if (advisoryLockTimeout.isNegative() || lockRetries < 0
        || statementLockTimeout.filter(d -> d.isNegative() || d.isZero()).isPresent()) {
      throw new StrataException(ErrorCode.INVALID_INPUT,
          "The advisory lock timeout and lock retries must be 0 or more and the statement lock timeout more than 0.");
    }
  }

  /** The settings of {@code config}: its advisory lock and statement lock timeouts, 3 retries, a new cancellation. */
  public static DeploySettings of(StrataConfig config) {
    return new DeploySettings(config.advisoryLockTimeout(), config.lockTimeout(), 3, new Cancellation());
  }

  public DeploySettings withAdvisoryLockTimeout(Duration timeout) {
    return new DeploySettings(timeout, statementLockTimeout, lockRetries, cancellation);
  }

  public DeploySettings withStatementLockTimeout(Duration timeout) {
    return new DeploySettings(advisoryLockTimeout, Optional.of(timeout), lockRetries, cancellation);
  }

  public DeploySettings withLockRetries(int retries) {
    return new DeploySettings(advisoryLockTimeout, statementLockTimeout, retries, cancellation);
  }

  public DeploySettings withCancellation(Cancellation value) {
    return new DeploySettings(advisoryLockTimeout, statementLockTimeout, lockRetries, value);
  }
}
