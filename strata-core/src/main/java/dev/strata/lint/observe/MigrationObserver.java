package dev.strata.lint.observe;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.migrate.MigrationFailedException;
import dev.strata.migrate.MigrationReplayer;
import dev.strata.migrate.SqlStatement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs migrations on a database under observation and records, per statement, the locks,
 * rewrites, scans and object changes PostgreSQL made (see the package documentation for how each
 * is seen). Meant for a shadow database: the migrations really run there and stay applied.
 *
 * <p>Not thread-safe; one observer per connection. {@link #close()} removes the observer's
 * schema and event triggers (and closes the second connection, if it opened one).
 */
public final class MigrationObserver implements AutoCloseable {
  /** Opens the second connection (to the same database) that samples the locks of statements run outside a transaction. */
  @FunctionalInterface
  public interface ConnectionSource {
    Connection open() throws SQLException;
  }

  private static final String STATEMENT_LOCKS = query("statement_locks");
  private static final String DDL_LOG = query("ddl_log");
  private static final String RELATIONS = query("relations");
  private static final String RELATIONS_SHARED = query("relations_shared");
  private static final String LOCK_SAMPLE = query("lock_sample");

  private final Connection connection;
  private final Optional<ConnectionSource> watcherSource;
  private final int backendPid;
  private final int serverMajor;
  private final boolean eventTriggers;
  private Connection watcher;
  private ExecutorService runner;

  /** Per transaction: every user relation known, by oid, as last seen. */
  private Map<Long, Snapshot> known = new HashMap<>();
  /** Per transaction: the relation locks (oid and mode) already held. */
  private final Set<String> held = new HashSet<>();

  private record Snapshot(Relation relation, long relfilenode, long scans, long rowsRead) {}

  private MigrationObserver(Connection connection, Optional<ConnectionSource> watcherSource) throws SQLException {
    this.connection = connection;
    this.watcherSource = watcherSource;
    try (Statement st = connection.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT pg_catalog.pg_backend_pid(), "
          + "(SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user), "
          + "pg_catalog.current_setting('server_version_num')::int / 10000")) {
        rs.next();
        backendPid = rs.getInt(1);
        eventTriggers = rs.getBoolean(2);
        serverMajor = rs.getInt(3);
      }
    }
    if (eventTriggers) {
      execute(query("uninstall"));
      execute(query("install"));
    }
  }

  /**
   * An observer on {@code connection} (autocommit; not closed by the observer). Statements that
   * cannot run in a transaction are then not lock-observed ({@link LockSource#NOT_OBSERVED}).
   *
   * @throws StrataException {@code DATABASE} when the observer cannot set itself up
   */
  public static MigrationObserver on(Connection connection) {
    return create(connection, Optional.empty());
  }

  /**
   * An observer on {@code connection} that opens a second connection from {@code watcher} (once,
   * when first needed) to sample the locks of statements run outside a transaction.
   */
  public static MigrationObserver on(Connection connection, ConnectionSource watcher) {
    return create(connection, Optional.of(Objects.requireNonNull(watcher, "watcher")));
  }

  private static MigrationObserver create(Connection connection, Optional<ConnectionSource> watcher) {
    Objects.requireNonNull(connection, "connection");
    try {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      return new MigrationObserver(connection, watcher);
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Cannot observe migrations: " + e.getMessage(), e);
    }
  }

  /** Whether object changes are observed (event triggers need a superuser). */
  public boolean observesObjects() {
    return eventTriggers;
  }

  /**
   * Runs {@code script} (the migration {@code name}, read from {@code file}) with {@link
   * MigrationReplayer}'s transaction semantics and returns what each statement did.
   *
   * @throws MigrationFailedException when a statement fails (as the replayer reports it)
   */
  public ObservedMigration observe(String name, Path file, String script) {
    long started = System.nanoTime();
    if (eventTriggers) {
      try {
        execute("DELETE FROM strata_observe.ddl_log");
      } catch (SQLException e) {
        throw new StrataException(ErrorCode.DATABASE, "Cannot observe migration `" + name + "`: " + e.getMessage(), e);
      }
    }
    Hook hook = new Hook();
    MigrationReplayer.on(connection).observedBy(hook).apply(name, file, script);
    return new ObservedMigration(name, hook.observed, Duration.ofNanos(System.nanoTime() - started));
  }

  /** Removes the observer's schema and event triggers; closes its second connection. */
  @Override
  public void close() {
    try {
      if (eventTriggers) {
        execute(query("uninstall"));
      }
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Cannot remove the migration observer's schema strata_observe: " + e.getMessage(), e);
    } finally {
      if (runner != null) {
        runner.shutdownNow();
      }
      if (watcher != null) {
        try {
          watcher.close();
        } catch (SQLException ignored) {
          // Closing a connection we are done with.
        }
      }
    }
  }

  private final class Hook implements MigrationReplayer.StatementObserver {
    final List<ObservedStatement> observed = new ArrayList<>();

    /** Whether the open transaction still needs its baseline (taken before its first statement that is not {@code SET TRANSACTION}). */
    private boolean needsBaseline;

    @Override
    public void transactionStarted() {
      held.clear();
      needsBaseline = true;
    }

    @Override
    public void run(int index, SqlStatement statement, boolean inTransaction, MigrationReplayer.Execution execution)
        throws SQLException {
      if (inTransaction && needsBaseline && setsTransaction(statement)) {
        // Must come before any query of the transaction: run without observation queries (it takes no lock).
        long started = System.nanoTime();
        execution.execute();
        observed.add(new ObservedStatement(index, statement.startLine(), statement.text(), true, LockSource.TRANSACTION,
            List.of(), List.of(), true, List.of(), eventTriggers, List.of(), Duration.ofNanos(System.nanoTime() - started)));
        return;
      }
      if (inTransaction && needsBaseline) {
        known = relations(RELATIONS);
        needsBaseline = false;
      }
      observed.add(inTransaction ? inTransaction(index, statement, execution) : outside(index, statement, execution));
    }
  }

  /** {@code SET TRANSACTION …}, which PostgreSQL accepts only before the transaction's first query. */
  private static boolean setsTransaction(SqlStatement statement) {
    List<String> words = statement.leadingWords(2);
    return words.size() == 2 && words.get(0).equals("SET") && words.get(1).equals("TRANSACTION");
  }

  private ObservedStatement inTransaction(int index, SqlStatement statement, MigrationReplayer.Execution execution)
      throws SQLException {
    long started = System.nanoTime();
    execution.execute();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    List<RelationLock> locks = new ArrayList<>();
    List<Relation> rewritten = new ArrayList<>();
    List<RelationScan> scanned = new ArrayList<>();
    List<ObjectChange> objects = List.of();
    try (Statement st = connection.createStatement()) {
      st.setEscapeProcessing(false);
      boolean hasResult = st.execute(eventTriggers ? STATEMENT_LOCKS + ";\n" + DDL_LOG : STATEMENT_LOCKS);
      Map<Long, Snapshot> now = new LinkedHashMap<>();
      Set<Long> dropped = new HashSet<>();
      try (ResultSet rs = st.getResultSet()) {
        while (hasResult && rs.next()) {
          long oid = rs.getLong("oid");
          String relname = rs.getString("relname");
          Snapshot before = known.get(oid);
          Snapshot current;
          if (relname != null) {
            current = new Snapshot(new Relation(rs.getString("nspname"), relname, RelationKind.of(rs.getString("relkind"))),
                rs.getLong("relfilenode"), rs.getLong("scans"), rs.getLong("rows_read"));
          } else if (before != null) {
            current = before;
            dropped.add(oid);
          } else {
            continue; // created and dropped by the statement, or one of the observer's own relations
          }
          if (held.add(oid + ":" + rs.getString("mode"))) {
            locks.add(new RelationLock(current.relation(), RelationLock.modeOf(rs.getString("mode"))));
          }
          now.put(oid, current);
        }
      }
      Set<Relation> replaced = new HashSet<>();
      for (Long oid : dropped) {
        replaced.add(known.get(oid).relation());
      }
      for (Map.Entry<Long, Snapshot> entry : now.entrySet()) {
        Snapshot before = known.get(entry.getKey());
        Snapshot current = entry.getValue();
        if (before != null && !dropped.contains(entry.getKey()) && rewrote(before, current)
            || before == null && replaced.contains(current.relation())) {
          rewritten.add(current.relation());
        }
        long scans = current.scans() - (before == null ? 0 : before.scans());
        if (scans > 0 && !dropped.contains(entry.getKey())) {
          scanned.add(new RelationScan(current.relation(), scans, current.rowsRead() - (before == null ? 0 : before.rowsRead())));
        }
        if (dropped.contains(entry.getKey())) {
          known.remove(entry.getKey());
        } else {
          known.put(entry.getKey(), current);
        }
      }
      if (eventTriggers && st.getMoreResults()) {
        objects = objectChanges(st.getResultSet());
      }
    }
    return new ObservedStatement(index, statement.startLine(), statement.text(), true, LockSource.TRANSACTION,
        sortedLocks(locks), rewritten, true, scanned, eventTriggers, objects, took);
  }

  /**
   * A statement run alone in autocommit: storage files and (PostgreSQL 15+, after flushing the
   * backend's statistics) scan counters of every relation before and after; locks sampled from the
   * second connection while it runs.
   */
  private ObservedStatement outside(int index, SqlStatement statement, MigrationReplayer.Execution execution)
      throws SQLException {
    boolean sharedStats = serverMajor >= 15;
    Map<Long, Snapshot> before = sharedStats ? flushedRelations() : relations(RELATIONS);
    Set<String> sampled = new HashSet<>();
    long started = System.nanoTime();
    LockSource source;
    if (watcherSource.isPresent()) {
      sampleWhileRunning(execution, sampled);
      source = LockSource.SAMPLED;
    } else {
      execution.execute();
      source = LockSource.NOT_OBSERVED;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    List<ObjectChange> objects = List.of();
    if (eventTriggers) {
      try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(DDL_LOG)) {
        objects = objectChanges(rs);
      }
    }
    Map<Long, Snapshot> after = sharedStats ? flushedRelations() : relations(RELATIONS);
    List<RelationLock> locks = new ArrayList<>();
    for (String lock : sampled) {
      long oid = Long.parseLong(lock.substring(0, lock.indexOf(':')));
      Snapshot relation = after.containsKey(oid) ? after.get(oid) : before.get(oid);
      if (relation != null) {
        locks.add(new RelationLock(relation.relation(), RelationLock.modeOf(lock.substring(lock.indexOf(':') + 1))));
      }
    }
    List<Relation> rewritten = new ArrayList<>();
    List<RelationScan> scanned = new ArrayList<>();
    Set<Relation> replaced = new HashSet<>();
    for (Map.Entry<Long, Snapshot> entry : before.entrySet()) {
      if (!after.containsKey(entry.getKey())) {
        replaced.add(entry.getValue().relation());
      }
    }
    for (Map.Entry<Long, Snapshot> entry : after.entrySet()) {
      Snapshot was = before.get(entry.getKey());
      Snapshot is = entry.getValue();
      if (was != null && rewrote(was, is) || was == null && replaced.contains(is.relation())) {
        rewritten.add(is.relation());
      }
      long scans = is.scans() - (was == null ? 0 : was.scans());
      if (sharedStats && scans > 0) {
        scanned.add(new RelationScan(is.relation(), scans, is.rowsRead() - (was == null ? 0 : was.rowsRead())));
      }
    }
    rewritten.sort(Comparator.comparing(Relation::qualifiedName));
    scanned.sort(Comparator.comparing(scan -> scan.relation().qualifiedName()));
    return new ObservedStatement(index, statement.startLine(), statement.text(), false, source, sortedLocks(locks),
        rewritten, sharedStats, scanned, eventTriggers, objects, took);
  }

  /**
   * Runs the statement on a worker thread while the second connection, holding a snapshot, polls
   * the statement's backend in {@code pg_locks}: a concurrent index build waits for that snapshot
   * with its locks held, is seen waiting, and is let go by ending the snapshot's transaction.
   */
  private void sampleWhileRunning(MigrationReplayer.Execution execution, Set<String> sampled) throws SQLException {
    Connection w = watcher();
    try (Statement snapshot = w.createStatement()) {
      snapshot.execute("SELECT 1");
    }
    boolean holding = true;
    Future<Void> running = runner().submit(() -> {
      execution.execute();
      return null;
    });
    try (PreparedStatement poll = w.prepareStatement(LOCK_SAMPLE)) {
      poll.setInt(1, backendPid);
      while (!running.isDone()) {
        boolean waiting = false;
        try (ResultSet rs = poll.executeQuery()) {
          while (rs.next()) {
            if (rs.getBoolean("granted")) {
              sampled.add(rs.getLong("oid") + ":" + rs.getString("mode"));
            } else {
              waiting = true;
            }
          }
        }
        if (waiting && holding) {
          w.rollback();
          holding = false;
        }
      }
    } finally {
      w.rollback();
    }
    try {
      running.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while observing a statement", MigrationReplayer.QUERY_CANCELED, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private Connection watcher() throws SQLException {
    if (watcher == null) {
      watcher = watcherSource.orElseThrow().open();
      watcher.setAutoCommit(false);
      watcher.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    }
    return watcher;
  }

  private ExecutorService runner() {
    if (runner == null) {
      runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "strata-observed-statement");
        thread.setDaemon(true);
        return thread;
      });
    }
    return runner;
  }

  private static boolean rewrote(Snapshot before, Snapshot after) {
    return before.relfilenode() != 0 && after.relfilenode() != 0 && before.relfilenode() != after.relfilenode();
  }

  /** Every relation, with shared statistics counters that include this backend's work so far. */
  private Map<Long, Snapshot> flushedRelations() throws SQLException {
    // The backend flushes its pending statistics when it next goes idle, before it reads the next query.
    execute("SELECT pg_catalog.pg_stat_force_next_flush()");
    return relations(RELATIONS_SHARED);
  }

  private Map<Long, Snapshot> relations(String sql) throws SQLException {
    Map<Long, Snapshot> relations = new HashMap<>();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        relations.put(rs.getLong("oid"), new Snapshot(
            new Relation(rs.getString("nspname"), rs.getString("relname"), RelationKind.of(rs.getString("relkind"))),
            rs.getLong("relfilenode"), rs.getLong("scans"), rs.getLong("rows_read")));
      }
    }
    return relations;
  }

  private static List<ObjectChange> objectChanges(ResultSet rs) throws SQLException {
    record Logged(long seq, ObjectChange change) {}
    List<Logged> logged = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        logged.add(new Logged(rs.getLong("seq"), new ObjectChange(ObjectChange.Kind.valueOf(rs.getString("kind")),
            rs.getString("object_type"), rs.getString("identity"), rs.getString("command_tag"))));
      }
    }
    logged.sort(Comparator.comparingLong(Logged::seq));
    return logged.stream().map(Logged::change).toList();
  }

  private static List<RelationLock> sortedLocks(List<RelationLock> locks) {
    List<RelationLock> sorted = new ArrayList<>(locks);
    sorted.sort(Comparator.comparing((RelationLock lock) -> lock.relation().qualifiedName()).thenComparing(RelationLock::mode));
    return sorted;
  }

  private void execute(String sql) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.setEscapeProcessing(false);
      st.execute(sql);
    }
  }

  private static String query(String name) {
    try (InputStream in = MigrationObserver.class.getResourceAsStream(name + ".sql")) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + ".sql");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name + ".sql", e);
    }
  }
}
