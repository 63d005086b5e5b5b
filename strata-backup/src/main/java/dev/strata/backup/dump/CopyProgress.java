package dev.strata.backup.dump;

import dev.strata.config.DatabaseUrl;
import dev.strata.postgres.exec.PgConnections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Rows copied so far by the {@code COPY} commands running in one database, from PostgreSQL's
 * {@code pg_stat_progress_copy} (PostgreSQL 14 and later): pg_dump's {@code COPY … TO stdout}
 * and pg_restore's {@code COPY … FROM stdin} report there, so a long table's progress is seen
 * while it is copied, not only when it ends. Polled on its own connection and thread; on an older
 * server, or when anything fails, it stops quietly (progress falls back to whole tables).
 */
public final class CopyProgress implements AutoCloseable {
  private static final String SQL = """
      SELECT n.nspname || '.' || c.relname, p.tuples_processed
      FROM pg_stat_progress_copy p JOIN pg_class c ON c.oid = p.relid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE p.datid = (SELECT oid FROM pg_database WHERE datname = current_database())""";

  private final ScheduledExecutorService poller;
  private volatile Connection connection;

  private CopyProgress(ScheduledExecutorService poller) {
    this.poller = poller;
  }

  /** Polls {@code url}'s database every {@code periodMillis}, handing {@code rowsByTable} ({@code schema.name} → rows copied) to {@code sink}. */
  public static CopyProgress watch(DatabaseUrl url, long periodMillis, Consumer<Map<String, Long>> sink) {
    ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "strata-copy-progress");
      t.setDaemon(true);
      return t;
    });
    CopyProgress watch = new CopyProgress(poller);
    poller.scheduleWithFixedDelay(() -> watch.poll(url, sink), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    return watch;
  }

  private void poll(DatabaseUrl url, Consumer<Map<String, Long>> sink) {
    try {
      if (connection == null) {
        connection = PgConnections.open(url);
        try (Statement s = connection.createStatement()) {
          s.execute("SET application_name = 'strata backup progress'");
        }
      }
      Map<String, Long> rows = new HashMap<>();
      try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(SQL)) {
        while (r.next()) {
          rows.merge(r.getString(1), r.getLong(2), Long::sum);
        }
      }
      sink.accept(rows);
    } catch (SQLException | RuntimeException e) {
      // No pg_stat_progress_copy (before PostgreSQL 14), no connection: whole tables only.
      poller.shutdown();
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
    try {
      poller.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Connection open = connection;
    if (open != null) {
      try {
        open.close();
      } catch (SQLException ignored) {
        // Closing a session that only read statistics.
      }
    }
  }
}
