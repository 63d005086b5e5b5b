package dev.strata.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresIT {
  private static LocalPostgres pg;

  @BeforeAll
  static void startServer() {
    pg = LocalPostgres.start();
  }

  @AfterAll
  static void stopServer() {
    pg.close();
  }

  @Test
  void starts_postgresql_17_on_a_free_port_and_answers_queries() throws SQLException {
    assertThat(pg.port()).isPositive();
    assertThat(pg.isRunning()).isTrue();
    assertThat(pg.majorVersion()).isEqualTo(17);
    assertThat(pg.version()).startsWith("17.");
    assertThat(scalar(pg, "postgres", "select 6 * 7")).isEqualTo("42");
  }

  @Test
  void runs_with_settings_for_throwaway_test_data() throws SQLException {
    assertThat(scalar(pg, "postgres", "show fsync")).isEqualTo("off");
    assertThat(scalar(pg, "postgres", "show synchronous_commit")).isEqualTo("off");
    assertThat(scalar(pg, "postgres", "show full_page_writes")).isEqualTo("off");
    assertThat(scalar(pg, "postgres", "select extract(timezone from now())")).isEqualTo("0");
    assertThat(scalar(pg, "postgres", "show server_encoding")).isEqualTo("UTF8");
  }

  @Test
  void builds_jdbc_and_prisma_style_urls_that_reach_the_database() throws SQLException {
    assertThat(pg.jdbcUrl("app")).isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/app?user=postgres");
    assertThat(pg.postgresUrl("app")).isEqualTo("postgresql://postgres@127.0.0.1:" + pg.port() + "/app");
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"))) {
      assertThat(c.isValid(5)).isTrue();
    }
  }

  @Test
  void creates_an_empty_database_and_drops_it_again() throws SQLException {
    pg.createDatabase("created_then_dropped");
    assertThat(pg.databaseExists("created_then_dropped")).isTrue();
    assertThat(scalar(pg, "created_then_dropped",
        "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')"))
        .isEqualTo("0");

    pg.dropDatabase("created_then_dropped");

    assertThat(pg.databaseExists("created_then_dropped")).isFalse();
  }

  @Test
  void drops_a_database_even_while_sessions_are_connected_to_it() throws SQLException {
    pg.createDatabase("busy_database");
    try (Connection open = pg.connect("busy_database")) {
      pg.dropDatabase("busy_database");

      assertThat(pg.databaseExists("busy_database")).isFalse();
      assertThat(open.isValid(2)).isFalse();
    }
  }

  @Test
  void dropping_a_missing_database_is_not_an_error() {
    pg.dropDatabase("never_created");

    assertThat(pg.databaseExists("never_created")).isFalse();
  }

  @Test
  void quotes_database_names_that_need_it() throws SQLException {
    String name = "Mixed Case \"quoted\" db";
    pg.createDatabase(name);
    try {
      assertThat(scalar(pg, name, "select current_database()")).isEqualTo(name);
    } finally {
      pg.dropDatabase(name);
    }
  }

  @Test
  void rejects_database_names_postgresql_would_truncate() {
    assertThatThrownBy(() -> pg.createDatabase("x".repeat(64)))
        .isInstanceOf(EmbeddedPostgresException.class)
        .hasMessageContaining("longer than PostgreSQL's 63 bytes");
  }

  @Test
  void reports_a_failed_create_with_postgresqls_reason() {
    pg.createDatabase("twice");
    try {
      assertThatThrownBy(() -> pg.createDatabase("twice"))
          .isInstanceOf(EmbeddedPostgresException.class)
          .hasMessageContaining("already exists");
    } finally {
      pg.dropDatabase("twice");
    }
  }

  @Test
  void close_stops_the_server_frees_the_port_and_deletes_the_data() throws IOException {
    LocalPostgres own = LocalPostgres.start();
    int port = own.port();
    Path data = own.dataDirectory();
    Path log = own.logFile();
    assertThat(data.resolve("PG_VERSION")).exists();

    own.close();

    assertThat(own.isRunning()).isFalse();
    assertThat(data).doesNotExist();
    assertThat(log).doesNotExist();
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
    own.close(); // idempotent
  }

  @Test
  void runs_as_root_through_a_user_namespace() throws SQLException {
    assumeTrue(StartupCheck.realUid().orElse(-1) == 0, "only meaningful when the tests run as root");

    // The server started although we are root, which initdb and postgres refuse on their own.
    assertThat(pg.isRunning()).isTrue();
    assertThat(scalar(pg, "postgres", "select current_user")).isEqualTo("postgres");
  }

  @Test
  void keeps_a_persistent_data_directory_across_restarts(@TempDir Path dir) throws SQLException {
    Path data = dir.resolve("dev-db");
    try (LocalPostgres first = LocalPostgres.builder().dataDirectory(data).start()) {
      assertThat(first.isPersistent()).isTrue();
      assertThat(scalar(first, "postgres", "show fsync")).isEqualTo("on");
      assertThat(scalar(first, "postgres", "show full_page_writes")).isEqualTo("on");
      execute(first, "postgres", "create table kept (id int); insert into kept values (7)");
    }
    assertThat(data.resolve("PG_VERSION")).exists();

    try (LocalPostgres second = LocalPostgres.builder().dataDirectory(data).start()) {
      assertThat(scalar(second, "postgres", "select id from kept")).isEqualTo("7");
    }
    assertThat(data).exists();
  }

  @Test
  void refuses_a_persistent_data_directory_that_a_running_server_uses(@TempDir Path dir) {
    Path data = dir.resolve("dev-db");
    try (LocalPostgres first = LocalPostgres.builder().dataDirectory(data).start()) {
      assertThatThrownBy(() -> LocalPostgres.builder().dataDirectory(data).start())
          .isInstanceOf(EmbeddedPostgresException.class)
          .hasMessageContaining(data.toString())
          .hasMessageContaining("in use");
      assertThat(first.isRunning()).isTrue();
    }
  }

  @Test
  void starts_the_shared_server_once_even_when_asked_from_many_threads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<LocalPostgres>> calls = IntStream.range(0, 8)
          .<Callable<LocalPostgres>>mapToObj(i -> LocalPostgres::shared).toList();
      Set<LocalPostgres> seen = pool.invokeAll(calls).stream().map(LocalPostgresIT::get).collect(Collectors.toSet());

      assertThat(seen).hasSize(1).containsExactly(LocalPostgres.shared());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closing_the_shared_server_leaves_it_running_for_the_others() throws SQLException {
    LocalPostgres shared = LocalPostgres.shared();

    shared.close();

    assertThat(shared.isRunning()).isTrue();
    assertThat(scalar(shared, "postgres", "select 1")).isEqualTo("1");
  }

  private static LocalPostgres get(Future<LocalPostgres> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static String scalar(PostgresServer server, String database, String sql) throws SQLException {
    try (Connection c = server.connect(database);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static void execute(PostgresServer server, String database, String sql) throws SQLException {
    try (Connection c = server.connect(database);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
