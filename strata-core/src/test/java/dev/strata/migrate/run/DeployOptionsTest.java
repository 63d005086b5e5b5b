package dev.strata.migrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeployOptionsTest {
  @Test
  void defaults_are_prismas_ten_second_lock_wait_and_no_statement_lock_timeout() {
    DeployOptions options = DeployOptions.defaults();
    assertThat(options.advisoryLockTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.statementLockTimeout()).isEmpty();
  }

  @Test
  void out_of_range_values_are_clamped_instead_of_refused() {
    DeployOptions options = new DeployOptions(Duration.ofSeconds(-1), Optional.of(Duration.ZERO), -3, Duration.ofMillis(-5));
    assertThat(options.advisoryLockTimeout()).isZero();
    assertThat(options.statementLockTimeout()).isEmpty();
    assertThat(options.lockRetries()).isZero();
    assertThat(options.retryBackoff()).isZero();
    assertThat(DeployOptions.defaults().withLockRetries(1000, Duration.ofSeconds(1)).lockRetries()).isEqualTo(20);
  }
}
