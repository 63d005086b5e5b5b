package dev.strata.embedded;

import static dev.strata.embedded.LocalPostgresIT.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ShadowDatabaseIT {

  @Test
  void creates_an_empty_database_on_the_shared_server() throws SQLException {
    try (ShadowDatabase shadow = ShadowDatabase.create()) {
      assertThat(shadow.server()).isSameAs(LocalPostgres.shared());
      assertThat(shadow.name()).startsWith("strata_shadow_");
      assertThat(shadow.server().databaseExists(shadow.name())).isTrue();
      assertThat(scalar(shadow.server(), shadow.name(),
          "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
              + " where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')"))
          .isEqualTo("0");
    }
  }

  @Test
  void gives_each_shadow_database_its_own_name() {
    try (ShadowDatabase a = ShadowDatabase.create();
        ShadowDatabase b = ShadowDatabase.create()) {
      assertThat(a.name()).isNotEqualTo(b.name());
    }
  }

  @Test
  void exposes_urls_that_reach_the_shadow_database() throws SQLException {
    try (ShadowDatabase shadow = ShadowDatabase.create()) {
      int port = shadow.server().port();
      assertThat(shadow.url()).isEqualTo("postgresql://postgres@127.0.0.1:" + port + "/" + shadow.name());
      assertThat(shadow.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/" + shadow.name() + "?user=postgres");
      try (Connection c = shadow.connect(); Statement s = c.createStatement()) {
        s.execute("create table replayed (id int)");
      }
    }
  }

  @Test
  void drops_the_database_on_close_even_with_a_session_still_open() throws SQLException {
    ShadowDatabase shadow = ShadowDatabase.create();
    try (Connection forgotten = shadow.connect()) {
      shadow.close();

      assertThat(shadow.server().databaseExists(shadow.name())).isFalse();
      assertThat(forgotten.isValid(2)).isFalse();
    }
    shadow.close(); // idempotent
  }

  @Test
  void works_on_any_postgres_server_given_to_it() {
    LocalPostgres own = LocalPostgres.start();
    try (ShadowDatabase shadow = ShadowDatabase.create(own)) {
      assertThat(shadow.server()).isSameAs(own);
      assertThat(own.databaseExists(shadow.name())).isTrue();
    } finally {
      own.close();
    }
  }
}
