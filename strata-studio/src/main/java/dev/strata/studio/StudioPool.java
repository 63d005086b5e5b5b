package dev.strata.studio;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.strata.Strata;
import dev.strata.StrataConfig;
import dev.strata.config.DatabaseUrl;
import java.time.Duration;
import java.util.Optional;

/**
 * The data pages' connection pool: a few kept connections (HikariCP) handed to Strata as the
 * configuration's {@code DataSource}, so that a grid request does not open new connections (two
 * per request before: the model's estimate and the page). The only studio class that touches
 * {@code javax.sql} (it builds the data source; the studio never runs SQL itself). The other pages
 * (deploy, roll back, health, backups, drift) keep Strata's own connections: their operations set
 * session state (lock_timeout, search_path…) that must not leak into a pooled connection.
 */
final class StudioPool implements AutoCloseable {
  static final int SIZE = 4;

  private final HikariDataSource pool;
  private final Strata strata;

  private StudioPool(HikariDataSource pool, Strata strata) {
    this.pool = pool;
    this.strata = strata;
  }

  /**
   * A pool over {@code strata}'s URL and a Strata using it; empty when the configuration already
   * has a data source (then it is the caller's) or no URL. Connects lazily: a database that is down
   * does not stop the studio from starting.
   */
  static Optional<StudioPool> over(Strata strata) {
    StrataConfig c = strata.config();
    if (c.dataSource().isPresent() || c.url().isEmpty()) {
      return Optional.empty();
    }
    DatabaseUrl url = c.url().get();
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("strata-studio");
    hc.setJdbcUrl(url.toJdbcUrl());
    // User and password travel as driver properties, never in a string that could be logged.
    java.util.Properties props = url.toJdbcProperties();
    props.putIfAbsent("ApplicationName", "strata studio");
    props.putIfAbsent("connectTimeout", "10");
    hc.setDataSourceProperties(props);
    hc.setMaximumPoolSize(SIZE);
    hc.setMinimumIdle(1);
    hc.setIdleTimeout(Duration.ofMinutes(2).toMillis());
    hc.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
    hc.setInitializationFailTimeout(-1);
    hc.setAutoCommit(true);
    HikariDataSource pool = new HikariDataSource(hc);
    StrataConfig pooled = new StrataConfig(Optional.of(pool), c.url(), c.schema(), c.migrations(), c.defaultSchema(), c.lockTimeout(),
        c.advisoryLockTimeout(), c.listener(), c.shadowDatabases(), c.shadowDatabaseUrl(), c.project(), c.workingDirectory());
    return Optional.of(new StudioPool(pool, Strata.of(pooled)));
  }

  /** Strata over the pool (its configuration otherwise the studio's). */
  Strata strata() {
    return strata;
  }

  @Override
  public void close() {
    pool.close();
  }
}
