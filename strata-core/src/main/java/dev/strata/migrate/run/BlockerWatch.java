package dev.strata.migrate.run;

import dev.strata.BlockingSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Watches, from a second connection, which sessions the deploy's working session waits for
 * ({@code pg_blocking_pids()}, polled every {@link #INTERVAL}), so that a migration that gives up
 * on {@code lock_timeout} can name its blockers: once the statement is cancelled they no longer
 * show as blockers. Started only for a run that applies migrations under a lock timeout; if the
 * second connection cannot be opened, nothing is watched and nothing is named.
 */
public final class BlockerWatch implements AutoCloseable {
  /** How often the second connection asks. */
  public static final Duration INTERVAL = Duration.ofMillis(100);

  private final Supplier<Connection> connections;
  private final int pid;
  private Connection connection;
  private final Thread thread;
  private volatile List<BlockingSession> seen = List.of();
  private volatile boolean stopped;

  private final Duration delay;

  private BlockerWatch(Supplier<Connection> connections, int pid, Duration delay) {
    this.connections = connections;
    this.pid = pid;
    this.delay = delay;
    this.thread = new Thread(this::poll, "strata-blocker-watch");
    this.thread.setDaemon(true);
  }

  /**
   * A watch of the backend of {@code work}, asking on a new connection of {@code connections},
   * opened on the watch's own thread so that the deploy never waits for it (a pool with no
   * connection to spare just means nothing is watched); {@code null} when the backend's pid cannot be read.
   */
  public static BlockerWatch start(Connection work, Supplier<Connection> connections) {
    return start(work, connections, Duration.ZERO);
  }

  /**
   * As {@link #start(Connection, Supplier)}, but the second connection is opened only after {@code
   * delay}: a deploy that is over sooner (most are) never opens it, and a statement cannot be
   * blocked for long before the watch looks (the runner passes half the lock timeout, at most 1 s).
   */
  public static BlockerWatch start(Connection work, Supplier<Connection> connections, Duration delay) {
    try {
      BlockerWatch watch = new BlockerWatch(connections, GuardQueries.backendPid(work), delay);
      watch.thread.start();
      return watch;
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  /** Forgets what was seen (a new attempt starts). */
  public void reset() {
    seen = List.of();
  }

  /** The blockers last seen since the last {@link #reset()} (empty when none was seen). */
  public List<BlockingSession> seen() {
    return seen;
  }

  private void poll() {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      return; // closed before the delay was over: nothing was watched, nothing opened
    }
    if (stopped) {
      return;
    }
    Connection opened;
    try {
      opened = connections.get();
      opened.setAutoCommit(true);
    } catch (SQLException | RuntimeException e) {
      return; // nothing is watched
    }
    synchronized (this) {
      if (stopped) {
        closeQuietly(opened);
        return;
      }
      connection = opened;
    }
    while (!stopped) {
      try {
        List<BlockingSession> now = GuardQueries.blocking(connection, pid);
        if (!now.isEmpty()) {
          seen = now;
        }
        Thread.sleep(INTERVAL.toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (SQLException e) {
        if (stopped) {
          return;
        }
        try {
          Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    Connection open;
    synchronized (this) {
      stopped = true;
      open = connection;
    }
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (open != null) {
      closeQuietly(open);
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // the watch is over either way
    }
  }
}
