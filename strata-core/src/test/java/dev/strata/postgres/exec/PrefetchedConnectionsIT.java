package dev.strata.postgres.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@StrataDatabase
class PrefetchedConnectionsIT {
  private TestDatabase db;
  private DatabaseUrl url;

  @BeforeEach
  void setUp(TestDatabase db) {
    this.db = db;
    url = DatabaseUrl.parse(db.url());
  }

  @AfterEach
  void closeLeftovers() {
    PrefetchedConnections.closeUnused();
  }

  @Test
  void open_returns_the_connections_opened_ahead_for_an_equal_url() throws SQLException, InterruptedException {
    PrefetchedConnections.start(url, 2);
    List<String> ahead = awaitStrataBackends(pids -> pids.size() == 2);
    // A URL parsed again is equal: the command and the early start need not share an object.
    try (Connection first = PgConnections.open(DatabaseUrl.parse(db.url()));
        Connection second = PgConnections.open(url);
        Connection third = PgConnections.open(url)) {
      assertThat(List.of(pid(first), pid(second))).containsExactlyInAnyOrderElementsOf(ahead);
      assertThat(ahead).doesNotContain(pid(third));
    }
  }

  @Test
  void starting_again_tops_up_to_the_count_instead_of_adding_to_it() throws InterruptedException {
    PrefetchedConnections.start(url, 1);
    PrefetchedConnections.start(url, 2);
    PrefetchedConnections.start(url, 2);
    assertThat(awaitStrataBackends(pids -> pids.size() >= 2)).hasSize(2);
  }

  @Test
  void connections_nobody_took_are_closed_at_the_end() throws InterruptedException {
    PrefetchedConnections.start(url, 2);
    awaitStrataBackends(pids -> pids.size() == 2);
    PrefetchedConnections.closeUnused();
    assertThat(awaitStrataBackends(List::isEmpty)).isEmpty();
  }

  @Test
  void a_failed_prefetch_gives_the_error_a_direct_open_gives() {
    DatabaseUrl missing = DatabaseUrl.parse(db.url().replace("/" + db.name(), "/" + db.name() + "_missing"));
    StrataException direct = catchThrowableOfType(StrataException.class, () -> PgConnections.open(missing));
    PrefetchedConnections.start(missing, 1);
    StrataException prefetched = catchThrowableOfType(StrataException.class, () -> PgConnections.open(missing));
    assertThat(prefetched).isNotNull();
    assertThat(prefetched.getMessage()).isEqualTo(direct.getMessage()).contains("does not exist");
  }

  /** The backends of this database that Strata opened (but the test's own), once {@code done} holds for them. */
  private List<String> awaitStrataBackends(Predicate<List<String>> done) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      List<String> pids = db.queryColumn(
          "select pid::text from pg_stat_activity where datname = current_database() and application_name = 'strata' and pid <> pg_backend_pid() order by pid");
      if (done.test(pids) || System.nanoTime() > deadline) {
        return pids;
      }
      Thread.sleep(20);
    }
  }

  private static String pid(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("select pg_backend_pid()")) {
      rows.next();
      return rows.getString(1);
    }
  }
}
