package dev.strata.migrate.run;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

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

  private static final String LOCK_NOT_AVAILABLE = "55P03";

  private AdvisoryLock() {}

  /**
   * Takes the lock on {@code connection}: at once when it is free; otherwise calls {@code onWait}
   * once and waits up to {@code timeout}.
   *
   * @throws StrataException P1002 when the timeout passes
   */
  public static void acquire(Connection connection, Duration timeout, Runnable onWait) {
    try (Statement statement = connection.createStatement()) {
      try (ResultSet row = statement.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
        if (row.next() && row.getBoolean(1)) {
          return;
        }
      }
      onWait.run();
      if (timeout.isZero()) {
        throw PrismaErrors.advisoryLockTimeout(timeout);
      }
      // lock_timeout bounds the wait of pg_advisory_lock, which wakes as soon as the holder lets go.
      statement.execute("SET lock_timeout = " + Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
      try {
        statement.execute("SELECT pg_advisory_lock(" + KEY + ")");
      } catch (SQLException e) {
        if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
          throw PrismaErrors.advisoryLockTimeout(timeout);
        }
        throw e;
      } finally {
        statement.execute("RESET lock_timeout");
      }
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Could not take the migration lock: " + DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
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
