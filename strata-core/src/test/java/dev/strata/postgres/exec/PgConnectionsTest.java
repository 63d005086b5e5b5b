package dev.strata.postgres.exec;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import org.junit.jupiter.api.Test;

class PgConnectionsTest {
  @Test
  void preload_finds_every_driver_class_it_names() {
    // A name the driver no longer has shows up here after an upgrade: remake driver-classes.txt.
    assertThat(PgConnections.preload()).isEmpty();
  }

  @Test
  void an_unknown_host_is_named_with_its_port_and_without_the_password() {
    StrataException e = catchThrowableOfType(StrataException.class,
        () -> PgConnections.open(DatabaseUrl.parse("postgresql://app:hunter2@no-such-host.invalid:6543/shop")));
    assertThat(e.getMessage())
        .contains("no-such-host.invalid")
        .contains("6543")
        .contains("is unknown")
        .doesNotContain("hunter2")
        .doesNotContain("The connection attempt failed.");
    assertThat(e.sqlState()).contains("08001");
  }

  @Test
  void a_refused_connection_names_host_and_port() {
    StrataException e = catchThrowableOfType(StrataException.class,
        () -> PgConnections.open(DatabaseUrl.parse("postgresql://app:hunter2@127.0.0.1:1/shop")));
    assertThat(e.getMessage()).contains("127.0.0.1:1").doesNotContain("hunter2");
  }
}
