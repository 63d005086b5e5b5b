package dev.strata.health.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The shared_buffers that cache-hit-ratio proposes: a value, never a placeholder. */
class CacheHitRatioTest {
  private static final long MB = 1024 * 1024;

  @Test
  void a_quarter_of_the_server_memory_when_it_is_known() {
    assertThat(CacheHitRatio.sharedBuffersSql(128 * MB, OptionalLong.of(16_384 * MB)))
        .isEqualTo("ALTER SYSTEM SET shared_buffers = '4096MB';  -- 25 % of the server's 16384MB (now 128MB); needs a restart");
  }

  @Test
  void twice_the_current_value_when_the_memory_cannot_be_read() {
    assertThat(CacheHitRatio.sharedBuffersSql(128 * MB, OptionalLong.empty()))
        .isEqualTo("ALTER SYSTEM SET shared_buffers = '256MB';  -- twice the current 128MB (the server's memory is not readable by this role); "
            + "needs a restart");
  }

  @Test
  void no_statement_when_shared_buffers_already_has_its_quarter() {
    assertThat(CacheHitRatio.sharedBuffersSql(4096 * MB, OptionalLong.of(8192 * MB)))
        .startsWith("-- no SQL to run: shared_buffers (4096MB) already has 25 % of the server's 8192MB");
  }
}
