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
 * two migration commands off one database at the same time. Held by a connection of its own for
 * the whole run and released by closing that connection, as Prisma does, so a killed process
 * releases it too.
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
}
