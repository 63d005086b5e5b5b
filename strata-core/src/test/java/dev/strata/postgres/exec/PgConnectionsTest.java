package dev.strata.postgres.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgConnectionsTest {
  @Test
  void preload_finds_every_driver_class_it_names() {
    // A name the driver no longer has shows up here after an upgrade: remake driver-classes.txt.
    assertThat(PgConnections.preload()).isEmpty();
  }
}
