package dev.strata.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.PostgresServer;
import dev.strata.embedded.TestServers;
import dev.strata.embedded.SharedData;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus project's whole migration history replays into a fresh database, on the embedded
 * server and on the machine's PostgreSQL, leaving no invalid index behind; prints the time each
 * replay took.
 */
class CorpusReplayIT {
  /** Migration counts stated in the corpus README. */
  private static final Map<String, Integer> EXPECTED_MIGRATIONS = Map.of(
      "umami-software__umami", 19, "spliit-app__spliit", 25, "documenso__documenso", 163, "lukevella__rallly", 145,
      "ghostfolio__ghostfolio", 121, "hoppscotch__hoppscotch", 21, "linkwarden__linkwarden", 98, "langfuse__langfuse", 434);
  private static final Map<String, String> TIMINGS = new ConcurrentHashMap<>();

  static Stream<?> histories() {
    return SharedData.casesOrSkip("corpus", corpus -> CorpusHistories.all());
  }

  @ParameterizedTest(name = "{0} replays on the embedded server")
  @MethodSource("histories")
  void replays_the_whole_history_on_the_embedded_server(CorpusHistories.History history) throws SQLException {
    SharedData.corpus();
    replay(TestServers.embedded(), history);
  }

  @ParameterizedTest(name = "{0} replays on the local server")
  @MethodSource("histories")
  void replays_the_whole_history_on_the_local_server(CorpusHistories.History history) throws SQLException {
    SharedData.corpus();
    Optional<PostgresServer> local = TestServers.localServer();
    Assumptions.assumeTrue(local.isPresent(), "no PostgreSQL on 127.0.0.1:5432");
    replay(local.get(), history);
  }

  @AfterAll
  static void printTimings() {
    TIMINGS.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> System.out.println("[replay] " + e.getKey() + ": " + e.getValue()));
  }

  private static void replay(PostgresServer server, CorpusHistories.History history) throws SQLException {
    MigrationsDirectory dir = MigrationsDirectory.read(history.directory());
    assertThat(dir.allProblems()).isEmpty();
    assertThat(dir.folders()).hasSize(EXPECTED_MIGRATIONS.get(history.project()));
    String db = ScratchDatabases.uniqueName("replay_" + history.project());
    server.createDatabase(db);
    try (Connection c = server.connect(db)) {
      ReplayResult result = MigrationReplayer.on(c).replay(dir.folders());
      TIMINGS.put(String.format("PG %-3s %-24s", server.majorVersion(), history.project()),
          String.format("%3d migrations, %5d statements (%3d outside a transaction), %2d with notes, %5d ms",
              result.applied().size(), result.statements(),
              result.applied().stream().mapToInt(AppliedMigration::outsideTransaction).sum(),
              result.applied().stream().filter(m -> !m.notes().isEmpty()).count(), result.elapsed().toMillis()));
      result.applied().stream().filter(m -> !m.notes().isEmpty())
          .forEach(m -> System.out.println("[replay] " + history.project() + " " + m.name() + ": " + m.notes()));
      assertThat(result.applied()).hasSize(dir.folders().size());
      assertThat(count(c, "select count(*) from pg_index where not indisvalid")).as("invalid indexes").isZero();
      assertThat(count(c, "select count(*) from pg_tables where schemaname = 'public'")).as("tables").isPositive();
      assertThat(c.getAutoCommit()).isTrue();
    } finally {
      server.dropDatabase(db);
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
