package dev.strata.cli.command.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.DatabaseUrl;
import org.junit.jupiter.api.Test;

/** The server on Prisma's {@code Datasource} line, as Prisma 7 prints it. */
class MigrateTextTest {
  private static String location(String url) {
    return MigrateText.location(DatabaseUrl.parse(url), MigrateText.namesPort(url));
  }

  @Test
  void a_url_without_a_port_shows_the_host_alone_as_prisma_does() {
    // Prisma 7 with postgresql://postgres:secret@localhost/app: at "localhost".
    assertThat(location("postgresql://postgres:secret@localhost/app?schema=public")).isEqualTo("localhost");
    assertThat(location("postgresql://postgres@127.0.0.1:5432/app")).isEqualTo("127.0.0.1:5432");
  }

  @Test
  void passwords_with_at_signs_several_hosts_and_ipv6_keep_to_the_first_host() {
    assertThat(location("postgresql://u:p%40ss@db.example.com:6432,db2:5433/app")).isEqualTo("db.example.com:6432");
    assertThat(location("postgres://u@[::1]:5433/app")).isEqualTo("[::1]:5433");
    assertThat(location("postgres://u@[::1]/app")).isEqualTo("[::1]");
  }
}
