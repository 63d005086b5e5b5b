package dev.strata.postgres.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgConnectionsTest {
  @Test
  void preload_finds_every_driver_class_it_names() {
    assertThat(PgConnections.preload()).isEmpty();
    assertThat(Thread.getAllStackTraces().keySet()).as("preloading starts no thread of the driver's")
        .noneMatch(thread -> thread.getName().startsWith("PostgreSQL"));
  }
}
