package dev.strata.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The second mode of the test kit: databases on the machine's own PostgreSQL (skipped when it is down). */
@StrataDatabase(server = StrataDatabase.Server.LOCAL)
class LocalServerIT {

  @Test
  void creates_the_test_database_on_the_local_server(TestDatabase db) {
    assertThat(db.server()).isNotInstanceOf(LocalPostgres.class);
    assertThat(db.server().port()).isEqualTo(5432);
    assertThat(db.url()).isEqualTo("postgresql://postgres@127.0.0.1:5432/" + db.name());
    assertThat(db.queryValue("select current_database()")).contains(db.name());
    assertThat(db.queryValue("select count(*) from pg_tables where schemaname = 'public'")).contains("0");
  }

  @Test
  void reports_the_local_servers_major_version(TestDatabase db) {
    assertThat(db.server().majorVersion()).isEqualTo(Integer.parseInt(
        db.queryValue("select current_setting('server_version_num')").orElseThrow()) / 10000);
  }
}
