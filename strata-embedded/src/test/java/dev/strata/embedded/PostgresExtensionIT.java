package dev.strata.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

@StrataDatabase
class PostgresExtensionIT {
  private final TestDatabase fromConstructor;
  private static String fromBeforeAll;

  PostgresExtensionIT(TestDatabase db) {
    this.fromConstructor = db;
  }

  @BeforeAll
  static void createSchema(TestDatabase db) {
    fromBeforeAll = db.name();
    db.execute("create table item (id int primary key, label text); insert into item values (1, 'one'), (2, null)");
  }

  @Test
  void gives_constructor_lifecycle_and_test_methods_the_same_database(TestDatabase db) {
    assertThat(db.name()).isEqualTo(fromConstructor.name()).isEqualTo(fromBeforeAll);
    assertThat(db.name()).startsWith("strata_test_postgresextensionit_");
    assertThat(db.server()).isSameAs(LocalPostgres.shared());
  }

  @Test
  void exposes_urls_of_the_test_database(TestDatabase db) throws SQLException {
    int port = db.server().port();
    assertThat(db.url()).isEqualTo("postgresql://postgres@127.0.0.1:" + port + "/" + db.name());
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/" + db.name() + "?user=postgres");
    try (Connection c = db.connection()) {
      assertThat(c.getCatalog()).isEqualTo(db.name());
    }
  }

  @Test
  void query_helpers_read_rows_columns_and_values(TestDatabase db) {
    assertThat(db.query("select id, label from item order by id", row -> row.getInt("id") + ":" + row.getString("label")))
        .containsExactly("1:one", "2:null");
    assertThat(db.queryColumn("select label from item order by id")).containsExactly("one", "NULL");
    assertThat(db.queryValue("select label from item where id = ?", 1)).contains("one");
    assertThat(db.queryValue("select label from item where id = ?", 2)).isEmpty();
    assertThat(db.queryValue("select label from item where id = ?", 3)).isEmpty();
  }

  @Test
  void update_reports_changed_rows_and_helpers_share_one_session(TestDatabase db) {
    db.execute("create temporary table scratch (n int)");

    assertThat(db.update("insert into scratch values (?), (?)", 1, 2)).isEqualTo(2);
    assertThat(db.queryValue("select sum(n) from scratch")).contains("3");
  }

  @Test
  void failing_sql_reports_the_statement_and_postgresqls_message(TestDatabase db) {
    assertThatThrownBy(() -> db.execute("select * from no_such_table"))
        .isInstanceOf(EmbeddedPostgresException.class)
        .hasMessageContaining("relation \"no_such_table\" does not exist")
        .hasMessageContaining("SQL: select * from no_such_table");
  }

  @Nested
  class NestedTests {
    @Test
    void share_the_enclosing_class_database(TestDatabase db) {
      assertThat(db.name()).isEqualTo(fromBeforeAll);
    }
  }

  // ---- two independent classes run through the JUnit launcher to observe the class lifecycle ----

  private static final Map<String, String> SEEN = new ConcurrentHashMap<>();

  @Test
  void gives_two_test_classes_isolated_fresh_databases_and_drops_them_afterwards() {
    SEEN.clear();

    TestExecutionSummary summary = run(FirstClass.class, SecondClass.class);

    assertThat(summary.getTotalFailureCount()).as(failures(summary)).isZero();
    assertThat(summary.getTestsSucceededCount()).isEqualTo(4);
    assertThat(SEEN).containsOnlyKeys("first", "second");
    assertThat(SEEN.get("first")).isNotEqualTo(SEEN.get("second"));
    LocalPostgres server = LocalPostgres.shared();
    assertThat(server.databaseExists(SEEN.get("first"))).isFalse();
    assertThat(server.databaseExists(SEEN.get("second"))).isFalse();
  }

  @StrataDatabase
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class FirstClass {
    @Test
    @Order(1)
    void starts_with_an_empty_database_and_writes_to_it(TestDatabase db) {
      SEEN.put("first", db.name());
      assertThat(db.queryValue("select count(*) from pg_tables where schemaname = 'public'")).contains("0");
      db.execute("create table only_in_first (id int)");
    }

    @Test
    @Order(2)
    void still_sees_its_own_table(TestDatabase db) {
      // Runs after the method above (by @Order): the same database, with its table and not the other class's.
      assertThat(db.name()).isEqualTo(SEEN.get("first"));
      assertThat(db.queryColumn("select tablename from pg_tables where schemaname = 'public'")).containsExactly("only_in_first");
    }
  }

  @StrataDatabase
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class SecondClass {
    @Test
    @Order(1)
    void starts_with_an_empty_database_and_writes_to_it(TestDatabase db) {
      SEEN.put("second", db.name());
      assertThat(db.queryValue("select count(*) from pg_tables where schemaname = 'public'")).contains("0");
      db.execute("create table only_in_second (id int)");
    }

    @Test
    @Order(2)
    void still_sees_its_own_table(TestDatabase db) {
      // Runs after the method above (by @Order): the same database, with its table and not the other class's.
      assertThat(db.name()).isEqualTo(SEEN.get("second"));
      assertThat(db.queryColumn("select tablename from pg_tables where schemaname = 'public'")).containsExactly("only_in_second");
    }
  }

  @Test
  void runs_one_suite_against_both_servers_through_subclasses() {
    SEEN.clear();

    TestExecutionSummary summary = run(OnEmbedded.class, OnLocalServer.class, BareExtension.class);

    assertThat(summary.getTotalFailureCount()).as(failures(summary)).isZero();
    assertThat(SEEN.get("OnEmbedded")).isEqualTo(String.valueOf(LocalPostgres.shared().port()));
    assertThat(SEEN.get("BareExtension")).isEqualTo(String.valueOf(LocalPostgres.shared().port()));
    if (TestServers.localServer().isPresent()) {
      assertThat(SEEN.get("OnLocalServer")).isEqualTo("5432");
    } else {
      assertThat(summary.getContainersSkippedCount()).isEqualTo(1);
    }
  }

  abstract static class SuiteCases {
    @Test
    void records_which_server_it_ran_on(TestDatabase db) {
      SEEN.put(getClass().getSimpleName(), String.valueOf(db.server().port()));
      assertThat(db.queryValue("select current_database()")).contains(db.name());
    }
  }

  @StrataDatabase
  static class OnEmbedded extends SuiteCases {}

  @StrataDatabase(server = StrataDatabase.Server.LOCAL)
  static class OnLocalServer extends SuiteCases {}

  @org.junit.jupiter.api.extension.ExtendWith(PostgresExtension.class)
  static class BareExtension extends SuiteCases {}

  static TestExecutionSummary run(Class<?>... classes) {
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
    for (Class<?> type : classes) {
      request.selectors(selectClass(type));
    }
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request.build(), listener);
    return listener.getSummary();
  }

  static String failures(TestExecutionSummary summary) {
    List<String> lines = summary.getFailures().stream()
        .map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
        .toList();
    return String.join("\n", lines);
  }
}
