package dev.strata.postgres.exec;

import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Connections opened ahead of need on a background thread, so that a cold CLI overlaps
 * connecting (the driver's first connection costs ~50 ms) with its other start-up work: parsing
 * the command line, reading the configuration and the migrations directory. A command announces
 * the URL it is going to use with {@link #start}; {@link PgConnections#open} then takes a
 * connection opened for an equal URL, waiting for it if it is still being opened, and otherwise
 * opens one itself. A prefetch that failed hands its error to the command that takes it: the same
 * error, password masked, that the command's own attempt would have given. Connections nobody took
 * are closed by {@link #closeUnused} when the command ends.
 */
public final class PrefetchedConnections {
  private static final Map<DatabaseUrl, Deque<CompletableFuture<Connection>>> WAITING = new HashMap<>();
  private static ExecutorService opener;

  private PrefetchedConnections() {}

  /**
   * Makes sure {@code count} connections to {@code url} are opened or being opened ahead of need
   * (counting those started earlier and not yet taken).
   */
  public static synchronized void start(DatabaseUrl url, int count) {
    Objects.requireNonNull(url, "url");
    Deque<CompletableFuture<Connection>> queue = WAITING.computeIfAbsent(url, u -> new ArrayDeque<>());
    if (opener == null && queue.size() < count) {
      opener = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "strata-connect");
        thread.setDaemon(true);
        return thread;
      });
    }
    while (queue.size() < count) {
      queue.add(CompletableFuture.supplyAsync(() -> PgConnections.openDirectly(url), opener));
    }
  }

  /**
   * A connection prefetched for {@code url}, once it is open; empty when none was prefetched.
   *
   * @throws StrataException the error of a prefetch that failed
   */
  static Optional<Connection> take(DatabaseUrl url) {
    CompletableFuture<Connection> next;
    synchronized (PrefetchedConnections.class) {
      Deque<CompletableFuture<Connection>> queue = WAITING.get(url);
      next = queue == null ? null : queue.poll();
    }
    if (next == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(next.get());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StrataException failure) {
        // The error a direct attempt would give (the same code, message and masking), without
        // making the user wait out a connect timeout twice.
        throw failure;
      }
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      next.thenAccept(PrefetchedConnections::closeQuietly);
      return Optional.empty();
    }
  }

  /** Closes the connections nobody took (waiting for those still being opened) and stops the background thread. */
  public static void closeUnused() {
    List<CompletableFuture<Connection>> unused = new ArrayList<>();
    ExecutorService stopping;
    synchronized (PrefetchedConnections.class) {
      WAITING.values().forEach(unused::addAll);
      WAITING.clear();
      stopping = opener;
      opener = null;
    }
    for (CompletableFuture<Connection> future : unused) {
      try {
        closeQuietly(future.get());
      } catch (ExecutionException e) {
        // It never opened: nothing to close.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        future.thenAccept(PrefetchedConnections::closeQuietly);
      }
    }
    if (stopping != null) {
      stopping.shutdown();
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing an unused connection: the server ends the session either way.
    }
  }
}
