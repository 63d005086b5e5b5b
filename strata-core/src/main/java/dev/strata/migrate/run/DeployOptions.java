package dev.strata.migrate.run;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code migrate deploy} runs: how long to wait for another migration's advisory lock
 * (Prisma waits 10 s), the {@code lock_timeout} for the migrations' own statements (off by
 * default, as in Prisma), and how often a statement that hit that timeout is retried, with what
 * first back-off (doubled each time).
 */
public record DeployOptions(Duration advisoryLockTimeout, Optional<Duration> statementLockTimeout, int lockRetries, Duration retryBackoff) {
  /** Prisma's advisory-lock timeout (P1002 after it). */
  public static final Duration PRISMA_ADVISORY_LOCK_TIMEOUT = Duration.ofSeconds(10);

  /** Out-of-range values are clamped rather than refused: a negative wait is no wait, a non-positive lock timeout is none. */
  public DeployOptions {
    Objects.requireNonNull(advisoryLockTimeout, "advisoryLockTimeout");
    Objects.requireNonNull(statementLockTimeout, "statementLockTimeout");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    advisoryLockTimeout = advisoryLockTimeout.isNegative() ? Duration.ZERO : advisoryLockTimeout;
    retryBackoff = retryBackoff.isNegative() ? Duration.ZERO : retryBackoff;
    lockRetries = Math.max(0, Math.min(lockRetries, 20));
    statementLockTimeout = statementLockTimeout.filter(d -> !d.isNegative() && !d.isZero());
  }

  /** Prisma's behaviour: 10 s for the advisory lock, no statement lock timeout; 3 retries of 0.5 s, 1 s, 2 s when one is set. */
  public static DeployOptions defaults() {
    return new DeployOptions(PRISMA_ADVISORY_LOCK_TIMEOUT, Optional.empty(), 3, Duration.ofMillis(500));
  }

  public DeployOptions withAdvisoryLockTimeout(Duration timeout) {
    return new DeployOptions(timeout, statementLockTimeout, lockRetries, retryBackoff);
  }

  public DeployOptions withStatementLockTimeout(Duration timeout) {
    return new DeployOptions(advisoryLockTimeout, Optional.of(timeout), lockRetries, retryBackoff);
  }

  public DeployOptions withLockRetries(int retries, Duration backoff) {
    return new DeployOptions(advisoryLockTimeout, statementLockTimeout, retries, backoff);
  }
}
