package dev.strata.backup.dump;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import dev.strata.postgres.PgIdentifiers;
import dev.strata.postgres.exec.PgConnections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

/**
 * Every table's row count and content hash, read in one snapshot (an exported one, so that they
 * describe exactly what {@code pg_dump --snapshot} wrote) on parallel connections.
 *
 * <p>The hash is order-independent and cheap per row: the sum, as an exact {@code numeric}, of
 * {@code hashtextextended(ROW(r.*)::text, 0)} (a whole-row reference that no column name can shadow) over the rows. A row's text depends on the session's
 * output settings, so every session that hashes sets them the same way ({@link #SETTINGS}).
 */
public final class TableStats {
  /** One table's numbers; {@code hash} is empty when hashing was turned off. */
  public record Table(String schema, String name, long rows, Optional<String> hash) {
    public String qualified() {
      return schema + "." + name;
    }
  }

  /** Session settings under which a row's text is the same on every server and client. */
  static final String SETTINGS = "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres';"
      + " SET extra_float_digits = 3; SET bytea_output = 'hex'; SET statement_timeout = 0";

  /** The tables pg_dump writes the rows of: ordinary tables outside the system schemas and extensions. */
  static final String TABLES = """
      SELECT n.nspname, c.relname
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND c.relpersistence <> 't'
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
      ORDER BY 1, 2""";

  private TableStats() {}

  /**
   * A table with the planner's estimate of its rows ({@code pg_class.reltuples}; empty when never
   * analyzed) and of its size on disk (heap and TOAST pages from {@code pg_class.relpages}; 0 when
   * never vacuumed or analyzed), read without taking any lock.
   */
  public record Estimate(String schema, String name, Optional<Long> rows, long bytes) {
    /** {@code schema.name}, as pg_dump's progress names a table. */
    public String qualified() {
      return schema + "." + name;
    }
  }

  /**
   * The tables of the database {@code connection} is on with their estimated row counts: one
   * catalogue query, no scan (what {@code --no-hash} records).
   */
  public static List<Estimate> estimates(Connection connection) throws SQLException {
    // The size from the statistics (pages of the table and its TOAST table), as pg_dump weighs its
    // parallel jobs: pg_table_size would wait for the lock of a table another session holds.
    String sql = TABLES.replace("SELECT n.nspname, c.relname", "SELECT n.nspname, c.relname, c.reltuples::bigint,"
        + " (c.relpages::bigint + coalesce((SELECT t.relpages FROM pg_class t WHERE t.oid = c.reltoastrelid), 0))"
        + " * current_setting('block_size')::bigint");
    List<Estimate> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        long estimate = rows.getLong(3);
        tables.add(new Estimate(rows.getString(1), rows.getString(2), estimate < 0 ? Optional.empty() : Optional.of(estimate),
            rows.getLong(4)));
      }
    }
    return tables;
  }

  /** The tables of the database {@code connection} is on. */
  public static List<String[]> tables(Connection connection) throws SQLException {
    List<String[]> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(TABLES)) {
      while (rows.next()) {
        tables.add(new String[] {rows.getString(1), rows.getString(2)});
      }
    }
    return tables;
  }

  /**
   * Counts and hashes every table of {@code url}'s database on {@code parallel} connections, each
   * in the snapshot {@code snapshot} when given (else each in its own, for a database nobody
   * writes to: a restored copy).
   */
  public static List<Table> read(DatabaseUrl url, Optional<String> snapshot, boolean hash, int parallel) {
    return read(url, snapshot, hash, parallel, Optional.empty());
  }

  /**
   * {@link #read(DatabaseUrl, Optional, boolean, int)}, giving up on a table whose lock is not
   * granted within {@code lockTimeout} (a backup's {@code --lock-wait-timeout}: pg_dump gives up
   * then too, and a count left waiting behind the lock would hold the backup forever).
   */
  public static List<Table> read(DatabaseUrl url, Optional<String> snapshot, boolean hash, int parallel, Optional<Duration> lockTimeout) {
    List<String[]> tables;
    try (Connection connection = open(url, snapshot, lockTimeout)) {
      tables = tables(connection);
      connection.rollback();
    } catch (SQLException e) {
      throw failed(e);
    }
    if (tables.isEmpty()) {
      return List.of();
    }
    int workers = Math.max(1, Math.min(parallel, tables.size()));
    List<List<String[]>> shares = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      shares.add(new ArrayList<>());
    }
    for (int i = 0; i < tables.size(); i++) {
      shares.get(i % workers).add(tables.get(i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "strata-backup-hash");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<List<Table>>> futures = new ArrayList<>();
      for (List<String[]> share : shares) {
        futures.add(pool.submit(() -> readShare(url, snapshot, hash, share, lockTimeout)));
      }
      List<Table> result = new ArrayList<>();
      for (Future<List<Table>> future : futures) {
        result.addAll(future.get());
      }
      result.sort((a, b) -> a.qualified().compareTo(b.qualified()));
      return Collections.unmodifiableList(result);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StrataException s) {
        throw s;
      }
      throw new StrataException(ErrorCode.DATABASE, "Reading the tables' row counts failed: " + DatabaseUrl.mask(String.valueOf(e.getCause())), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StrataException(ErrorCode.DATABASE, "Interrupted while reading the tables' row counts.", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Table> readShare(DatabaseUrl url, Optional<String> snapshot, boolean hash, List<String[]> share,
      Optional<Duration> lockTimeout) {
    List<Table> result = new ArrayList<>();
    try (Connection connection = open(url, snapshot, lockTimeout); Statement statement = connection.createStatement()) {
      for (String[] table : share) {
        String name = PgIdentifiers.quote(table[0]) + "." + PgIdentifiers.quote(table[1]);
        String sql = hash
            ? "SELECT count(*), coalesce(sum(hashtextextended(ROW(strata_row.*)::text, 0)::numeric), 0)::text FROM " + name + " strata_row"
            : "SELECT count(*), NULL FROM " + name;
        try (ResultSet row = statement.executeQuery(sql)) {
          row.next();
          result.add(new Table(table[0], table[1], row.getLong(1), Optional.ofNullable(row.getString(2))));
        }
      }
      connection.rollback();
    } catch (SQLException e) {
      throw failed(e);
    }
    return result;
  }

  /** A read-only repeatable-read transaction with the hashing settings, in {@code snapshot} when given. */
  static Connection open(DatabaseUrl url, Optional<String> snapshot, Optional<Duration> lockTimeout) throws SQLException {
    Connection connection = PgConnections.open(url);
    try {
      try (Statement statement = connection.createStatement()) {
        statement.execute(SETTINGS);
        if (lockTimeout.isPresent()) {
          statement.execute("SET lock_timeout = " + Math.max(1, lockTimeout.get().toMillis()));
        }
      }
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      if (snapshot.isPresent()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET TRANSACTION SNAPSHOT '" + snapshot.get().replace("'", "''") + "'");
        }
      }
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private static StrataException failed(SQLException e) {
    return new StrataException(ErrorCode.DATABASE, "Reading the tables' row counts failed: " + DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
  }
}
