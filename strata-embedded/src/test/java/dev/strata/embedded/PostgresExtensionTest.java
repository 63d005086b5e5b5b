package dev.strata.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

class PostgresExtensionTest {

  @Test
  void skips_local_server_classes_with_a_message_when_the_server_is_unreachable() {
    ConditionEvaluationResult result =
        PostgresExtension.condition(StrataDatabase.Server.LOCAL, Optional::empty, "postgres@127.0.0.1:5432");

    assertThat(result.isDisabled()).isTrue();
    assertThat(result.getReason()).get().asString().contains("PostgreSQL at postgres@127.0.0.1:5432 is not reachable");
  }

  @Test
  void runs_local_server_classes_when_the_server_answers() {
    PostgresServer server = PostgresServer.external("127.0.0.1", 5432, "postgres");

    assertThat(PostgresExtension.condition(StrataDatabase.Server.LOCAL, () -> Optional.of(server), "x").isDisabled())
        .isFalse();
  }

  @Test
  void never_skips_embedded_classes_and_does_not_probe_for_them() {
    ConditionEvaluationResult result = PostgresExtension.condition(StrataDatabase.Server.EMBEDDED, () -> {
      throw new AssertionError("probed");
    }, "x");

    assertThat(result.isDisabled()).isFalse();
  }

  @Test
  void a_port_nobody_listens_on_is_reported_as_unreachable() throws IOException {
    int unused;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      unused = socket.getLocalPort();
    }

    assertThat(TestServers.probe(PostgresServer.external("127.0.0.1", unused, "postgres"))).isEmpty();
  }
}
