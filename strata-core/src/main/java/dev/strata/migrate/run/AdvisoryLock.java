package dev.strata.migrate.run;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Prisma Migrate's session-level advisory lock ({@code pg_advisory_lock(72707369)}), which keeps
 * two migration commands off one database at the same time. Taken by the session that runs the
 * migrations, never by a connection of its own: the server releases a session's lock only when the
 * session ends, so a client that dies mid-statement keeps the lock until its statement has
 * finished or been stopped, and no second deploy can start while the first one's work may still
 * commit. (With the lock on a separate connection, the lock connection closes the moment the
 * client dies while the work session runs on: the next deploy then applies the same migration a
 * second time.)
 */
public final class AdvisoryLock {
  /** Prisma's key: the same number, so Strata and Prisma exclude each other. */
  public static final long KEY = 72707369L;

  private AdvisoryLock() {}

  /**
   * Takes the lock on {@code connection}: at once when it is free; otherwise calls {@code onWait}
   * once and waits up to {@code timeout}.
   *
   * @throws StrataException P1002 when the timeout passes
   */
  public static void acquire(Connection connection, Duration timeout, Runnable onWait) {
    acquire(connection, timeout, onWait, () -> false);
  }

  /**
   * {@link #acquire(Connection, Duration, Runnable)}, giving up (with an error) as soon as {@code
   * stop} is true.
   *
   * <p>The wait is a poll of {@code pg_try_advisory_lock}, not a blocking {@code pg_advisory_lock}:
   * a session blocked in that statement holds a snapshot for as long as it waits, and a {@code
   * CREATE INDEX CONCURRENTLY} of the lock holder waits for every older snapshot to go, so the
   * two would deadlock (PostgreSQL then aborts the waiter). Short polls hold none for long.
   */
  public static void acquire(Connection connection, Duration timeout, Runnable onWait, BooleanSupplier stop) {
    try (Statement statement = connection.createStatement()) {
      if (tryLock(statement)) {
        return;
      }
      onWait.run();
      long deadline = System.nanoTime() + timeout.toNanos();
      long pause = 10;
      while (true) {
        if (stop.getAsBoolean()) {
          throw new StrataException(ErrorCode.DATABASE, "Stopped while waiting for the migration lock.");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw PrismaErrors.advisoryLockTimeout(timeout);
        }
        Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
        pause = Math.min(100, pause * 2);
        if (tryLock(statement)) {
          return;
        }
      }
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Could not take the migration lock: " + DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StrataException(ErrorCode.DATABASE, "Interrupted while waiting for the migration lock.", e);
    }
  }

  private static boolean tryLock(Statement statement) throws SQLException {
    try (ResultSet row = statement.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
      return row.next() && row.getBoolean(1);
    }
  }

  /**
   * Lets go of the lock on {@code connection} before it is closed, for connections that outlive
   * the command (a pool's). Best effort: a session that is gone has released it already.
   */
  public static void releaseQuietly(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_unlock(" + KEY + ")");
    } catch (SQLException | RuntimeException ignored) {
      // The session ended (or will), and with it the lock.
    }
  }
}
