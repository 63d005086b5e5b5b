package dev.strata.health;

import dev.strata.ErrorCode;
import dev.strata.Strata;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.config.ProjectConfig;
import dev.strata.health.check.Catalogue;
import dev.strata.health.check.Check;
import dev.strata.health.check.CheckContext;
import dev.strata.health.check.CheckRunner;
import dev.strata.health.config.HealthSettings;
import dev.strata.health.indexes.IndexCoverageReader;
import dev.strata.health.metrics.AlertRules;
import dev.strata.health.metrics.HealthMetrics;
import dev.strata.health.metrics.MetricsServer;
import dev.strata.health.queries.QueryChecker;
import dev.strata.health.queries.QueryFile;
import dev.strata.health.report.HtmlReport;
import dev.strata.health.report.JUnitReport;
import dev.strata.health.snapshot.GrowthProjection;
import dev.strata.health.snapshot.Snapshot;
import dev.strata.health.snapshot.SnapshotStore;
import dev.strata.health.snapshot.Snapshots;
import dev.strata.health.snapshot.Stores;
import dev.strata.postgres.exec.PgConnections;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Strata's health checks, for one database and project: {@code strata health} and its
 * subcommands as a Java API. Built on a {@link Strata} (its database and project); thresholds come
 * from the project's {@code strata.toml} ({@code [health.<check-id>]}) and can be set in code with
 * {@link #withThreshold}.
 *
 * <pre>{@code
 * Health health = Health.of(strata);
 * HealthReport report = health.report(List.of());          // every check
 * if (report.failsAt(Severity.WARNING)) { ... }
 * }</pre>
 *
 * <p>Checks never change the database (they run read-only with a lock timeout); {@link
 * #snapshot(Optional)} writes to the table {@code strata.health_snapshots} unless a file is given.
 */
public final class Health {
  private final Strata strata;
  private final HealthSettings settings;
  private final Path projectDir;

  private Health(Strata strata, HealthSettings settings, Path projectDir) {
    this.strata = strata;
    this.settings = settings;
    this.projectDir = projectDir;
  }

  /**
   * The checks for {@code strata}'s database, with the thresholds of {@code strata.toml} in its project folder.
   *
   * @throws StrataException ({@code CONFIG}) when {@code strata.toml} cannot be read
   */
  public static Health of(Strata strata) {
    StrataConfig config = strata.config();
    Path dir = config.project().map(ProjectConfig::projectDir).orElse(config.workingDirectory());
    return new Health(strata, HealthSettings.read(dir), dir);
  }

  /** This instance with check {@code checkId}'s threshold {@code name} set to {@code value} (overriding strata.toml). */
  public Health withThreshold(String checkId, String name, double value) {
    Catalogue.select(List.of(checkId), java.util.Set.of());
    return new Health(strata, settings.with(checkId, name, value), projectDir);
  }

  /** Every check of the catalogue, with its thresholds' defaults. */
  public static List<CheckInfo> checks() {
    return Catalogue.all().stream().map(c -> new CheckInfo(c.id(), c.title(), c.defaults(), c.needsRole().orElse(""))).toList();
  }

  /**
   * Runs the checks named by {@code checkIds} (all but those strata.toml skips, when empty).
   *
   * @throws StrataException ({@code USAGE}) for an unknown id; ({@code DATABASE}) when the database cannot be reached
   */
  public HealthReport report(List<String> checkIds) {
    List<Check> checks = Catalogue.select(checkIds, settings.skip());
    try (Connection connection = connection()) {
      CheckContext ctx = new CheckContext(connection, settings, Optional.of(strata), projectDir, CheckRunner.roles(connection));
      return CheckRunner.run(connection, ctx, checks);
    } catch (SQLException e) {
      throw database("The health checks could not run", e);
    }
  }

  /**
   * Measures the database's and every table's size and stores them: in {@code file} when given,
   * else in the file strata.toml names ({@code [health] snapshots}), else in the table {@code
   * strata.health_snapshots} (created in the schema {@code strata} on first use).
   */
  public SnapshotResult snapshot(Optional<Path> file) {
    try (Connection connection = connection()) {
      CheckRunner.prepare(connection);
      Snapshot snapshot = Snapshots.measure(connection);
      SnapshotStore store = Stores.of(settings, projectDir, connection, file.map(projectDir::resolve));
      store.save(snapshot);
      return new SnapshotResult(store.describe(), snapshot.takenAt(), snapshot.database().map(Snapshot.Size::bytes).orElse(0L),
          (int) snapshot.sizes().stream().filter(s -> s.kind().equals("table")).count());
    } catch (SQLException e) {
      throw database("The snapshot could not be taken", e);
    }
  }

  /** Growth from the snapshots of the last {@code window} up to now, projected 30/90/365 days out. */
  public GrowthReport growth(Optional<Path> file, Duration window) {
    try (Connection connection = connection()) {
      CheckRunner.prepare(connection);
      SnapshotStore store = Stores.of(settings, projectDir, connection, file.map(projectDir::resolve));
      List<Snapshot> history = store.load(Instant.now().minus(window));
      Snapshot now = Snapshots.measure(connection);
      return new GrowthReport(store.describe(), history.stream().findFirst().map(Snapshot::takenAt), history.size(),
          GrowthProjection.project(history, now, 0));
    } catch (SQLException e) {
      throw database("Growth could not be measured", e);
    }
  }

  /**
   * Index coverage per table: indexed columns, composite indexes, foreign keys covered or not,
   * unused and duplicate indexes, a coverage figure; with the Prisma model and field names when
   * the project has a schema.
   */
  public IndexCoverage indexes() {
    try (Connection connection = connection()) {
      CheckRunner.prepare(connection);
      return IndexCoverageReader.read(connection, strata);
    } catch (SQLException e) {
      throw database("The index coverage could not be read", e);
    }
  }

  /**
   * Runs the named queries of {@code file} ({@code .sql} with {@code -- query:} directives, or
   * {@code .toml}) with {@code EXPLAIN (ANALYZE, BUFFERS)}, each in a transaction rolled back
   * afterwards, and checks each one's expectations.
   *
   * @throws StrataException ({@code FILE_NOT_FOUND}, {@code INVALID_INPUT}) when the file is missing or malformed
   */
  public QueryCheckReport checkQueries(Path file) {
    QueryFile parsed = QueryFile.read(projectDir.resolve(file));
    try (Connection connection = connection()) {
      return QueryChecker.run(connection, parsed);
    } catch (SQLException e) {
      throw database("The query checks could not run", e);
    }
  }

  /** The report's checks and the server's {@code pg_*} metrics in the Prometheus text format. */
  public String prometheus(HealthReport report) {
    try (Connection connection = connection()) {
      CheckRunner.prepare(connection);
      return HealthMetrics.text(HealthMetrics.registry(Optional.of(report), HealthMetrics.samples(connection)));
    } catch (SQLException e) {
      throw database("The metrics could not be read", e);
    }
  }

  /**
   * Serves {@code /metrics} on {@code host:port} (0: a free port): every scrape runs {@code
   * checkIds} (all when empty) and reads the server's metrics; an unreachable database gives
   * {@code pg_up 0}. Close the result to stop.
   */
  public HealthServer serve(String host, int port, List<String> checkIds) {
    Catalogue.select(checkIds, settings.skip());
    try {
      MetricsServer server = MetricsServer.start(host, port, () -> {
        try {
          HealthReport report = report(checkIds);
          try (Connection connection = connection()) {
            CheckRunner.prepare(connection);
            return HealthMetrics.registry(Optional.of(report), HealthMetrics.samples(connection));
          }
        } catch (StrataException | SQLException e) {
          return HealthMetrics.registry(Optional.empty(), List.of());
        }
      });
      return new HealthServer(server::port, server::close);
    } catch (IOException e) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "Could not listen on " + host + ":" + port + ": " + e.getMessage());
    }
  }

  /** Prometheus alerting rules (YAML) for the seeds' thresholds over the metrics of {@link #serve}. */
  public static String alertRules() {
    return AlertRules.yaml();
  }

  /** The report as one self-contained HTML file (inline CSS, no scripts, no external resources). */
  public static String html(HealthReport report) {
    return HtmlReport.render(report);
  }

  /** The query checks as JUnit XML, for CI. */
  public static String junitXml(QueryCheckReport report) {
    return JUnitReport.render(report);
  }

  private Connection connection() {
    StrataConfig config = strata.config();
    if (config.dataSource().isPresent()) {
      try {
        return config.dataSource().get().getConnection();
      } catch (SQLException e) {
        throw database("Could not get a connection from the data source", e);
      }
    }
    return PgConnections.open(config.url().orElseThrow(() -> new StrataException(ErrorCode.CONFIG,
        "No database is configured: set DATABASE_URL or pass --url.")));
  }

  private static StrataException database(String what, SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    return new StrataException(ErrorCode.DATABASE, what + ": " + message, e);
  }
}
