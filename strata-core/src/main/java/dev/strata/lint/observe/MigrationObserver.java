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

  private static final String AFTER_STATEMENT = query("after_statement");
  private static final String AFTER_OUTSIDE = query("after_outside");
  private static final String DDL_LOG = query("ddl_log");
  private static final String FLUSH_NEXT = query("flush_next");
  private static final String RELATIONS = query("relations");
  private static final String RELATION_NAMES = query("relation_names");
  private static final String LOCK_SAMPLE = query("lock_sample");

  private final Connection connection;
  private final Optional<ConnectionSource> watcherSource;
  private final int backendPid;
  private final int serverMajor;
  private final boolean eventTriggers;
  /**
   * Whether every transaction starts with no pending statistics (PostgreSQL 15+: each observation
   * asks for a flush at the next idle moment), so that a transaction's scan counts start at zero.
   */
  private final boolean flushing;
  /** The session's prepared statement that runs after_statement.sql with its additions. */
  private static final String PREPARED_AFTER = "strata_observe_after";
  /** The session's prepared statement that runs after_outside.sql with its additions. */
  private static final String PREPARED_OUTSIDE = "strata_observe_outside";
  /** Below PostgreSQL's shortest interval between two statistics flushes of an idle backend (1 s). */
  private static final long NO_IDLE_FLUSH_NANOS = 900_000_000L;
  private final PreparedStatement relationNames;
  private Connection watcher;
  private ExecutorService runner;

  /** Every user relation known, by oid, as last seen; null when it must be read again. */
  private Map<Long, Snapshot> known;
  /** Oids locked but left out of observations (TOAST tables, the observer's own relations). */
  private final Set<Long> ignored = new HashSet<>();
  /** Per transaction: the scan counters seen so far, by oid. */
  private final Map<Long, long[]> scansSoFar = new HashMap<>();
  /** Per transaction: the relation locks (oid and mode) already held. */
  private final Set<String> held = new HashSet<>();
  /** The highest oid the observer has seen: relations above it are named by the observation query. */
  private long newestKnown;
  /** When the last query that asks for a statistics flush was sent ({@link System#nanoTime()}). */
  private long flushAskedAt;
  /** The last event trigger log entry read. */
  private long logSeq;

  /** A relation lock row of the observation: the relation's storage file now (null when dropped or without storage) and pending scan counters. */
  private record Locked(long oid, String mode, Long relfilenode, long scans, long rowsRead, Relation name) {}

  /** Whether observations report relations of this schema (not TOAST, not the observer's own). */
  private static boolean reported(String schema) {
    return !schema.equals("information_schema") && !schema.equals("strata_observe") && !schema.startsWith("pg_toast");
  }

  private record Snapshot(Relation relation, long relfilenode, long scans, long rowsRead) {
    boolean hasStorage() {
      return relfilenode != 0;
    }
  }

  private MigrationObserver(Connection connection, Optional<ConnectionSource> watcherSource, boolean objects) throws SQLException {
    this.connection = connection;
    this.watcherSource = watcherSource;
    try (Statement st = connection.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT pg_catalog.pg_backend_pid(), "
          + "(SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user), "
          + "pg_catalog.current_setting('server_version_num')::int / 10000")) {
        rs.next();
        backendPid = rs.getInt(1);
        eventTriggers = objects && rs.getBoolean(2);
        serverMajor = rs.getInt(3);
      }
    }
    boolean canFlush = false;
    if (serverMajor >= 15) {
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery("SELECT pg_catalog.has_function_privilege('pg_catalog.pg_stat_force_next_flush()', 'EXECUTE')")) {
        canFlush = rs.next() && rs.getBoolean(1);
      }
    }
    flushing = canFlush;
    if (eventTriggers) {
      execute(query("uninstall"));
      execute(query("install"));
    }
    String after = AFTER_STATEMENT + (flushing ? "UNION ALL\n" + FLUSH_NEXT : "") + (eventTriggers ? "UNION ALL\n" + DDL_LOG : "");
    // Prepared once on the server (so it is not planned again for every statement) and run by EXECUTE
    // in the statement's round trip: $1 the newest oid known, $2 the last log entry read.
    List<String> stale = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT name FROM pg_catalog.pg_prepared_statements WHERE name IN ('"
            + PREPARED_AFTER + "', '" + PREPARED_OUTSIDE + "')")) {
      while (rs.next()) {
        stale.add(rs.getString(1));
      }
    }
    for (String name : stale) {
      execute("DEALLOCATE " + name);
    }
    execute("PREPARE " + PREPARED_AFTER + " (bigint, bigint) AS\n" + after.replace("NEWER_THAN", "$1").replace("?", "$2"));
    if (flushing) {
      String outside = AFTER_OUTSIDE + "UNION ALL\n" + FLUSH_NEXT + (eventTriggers ? "UNION ALL\n" + DDL_LOG : "");
      execute("PREPARE " + PREPARED_OUTSIDE + " (bigint, bigint, bigint[]) AS\n" + outside.replace("?", "$2"));
    }
    relationNames = connection.prepareStatement(RELATION_NAMES);
    if (flushing) {
      flushAskedAt = System.nanoTime();
      execute(FLUSH_NEXT);
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

  /**
   * As {@link #on(Connection)} (statements outside a transaction are not lock-observed: {@link
   * LockSource#NOT_OBSERVED}), without observing object changes: no event triggers are installed,
   * so a DDL statement costs no trigger run and no log row, and {@link
   * ObservedStatement#objectsObserved()} is false. What {@code strata migrate lint} needs: locks,
   * rewrites and scans of statements in a transaction (its lock rules never flag a {@code
   * CONCURRENTLY} statement).
   */
  public static MigrationObserver withoutObjects(Connection connection) {
    return create(connection, Optional.empty(), false);
  }

  private static MigrationObserver create(Connection connection, Optional<ConnectionSource> watcher) {
    return create(connection, watcher, true);
  }

  private static MigrationObserver create(Connection connection, Optional<ConnectionSource> watcher, boolean objects) {
    Objects.requireNonNull(connection, "connection");
    try {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      return new MigrationObserver(connection, watcher, objects);
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
   * <p>The observer expects nothing else to run on its connection between its calls (open it
   * once the history is replayed): what runs in between would be taken for the next migration's
   * first statement's doing.
   *
   * @throws MigrationFailedException when a statement fails (as the replayer reports it)
   */
  public ObservedMigration observe(String name, Path file, String script) {
    long started = System.nanoTime();
    Hook hook = new Hook();
    try {
      if (known == null) {
        known = relations(RELATIONS);
        newestKnown = known.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
      }
      MigrationReplayer.on(connection).observedBy(hook).apply(name, file, script);
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Cannot observe migration `" + name + "`: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      known = null; // what the failed statement's transaction changed was rolled back
      throw e;
    }
    if (dev.strata.migrate.SqlSplitter.split(script).stream()
        .anyMatch(s -> s.transactionControl().filter(c -> c == SqlStatement.TransactionControl.ROLLBACK).isPresent())) {
      known = null; // the file rolled back some of what was observed
    }
    return new ObservedMigration(name, hook.observed, Duration.ofNanos(System.nanoTime() - started));
  }

  /** Removes the observer's schema and event triggers; closes its second connection. */
  @Override
  public void close() {
    try {
      execute("DEALLOCATE " + PREPARED_AFTER);
      if (flushing) {
        execute("DEALLOCATE " + PREPARED_OUTSIDE);
      }
      if (eventTriggers) {
        execute(query("uninstall"));
      }
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Cannot remove the migration observer's schema strata_observe: " + e.getMessage(), e);
    } finally {
      closeQuietly(relationNames);
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
      scansSoFar.clear();
      needsBaseline = !flushing;
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
        // Without flushes, counters pending from earlier transactions are the baseline.
        for (Map.Entry<Long, Snapshot> entry : relations(RELATIONS).entrySet()) {
          scansSoFar.put(entry.getKey(), new long[] {entry.getValue().scans(), entry.getValue().rowsRead()});
        }
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
    List<Locked> lockRows = new ArrayList<>();
    List<ObjectChange> objects = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    String sql = execution.sql();
    // The statement and the observation's query in one round trip: the query runs right after it, in its transaction.
    String combined = sql + (sql.endsWith(";") ? "\n" : ";\n")
        + "EXECUTE " + PREPARED_AFTER + " (" + newestKnown + ", " + logSeq + ")"
        + (execution.followUp().isEmpty() ? "" : ";\n" + execution.followUp());
    long started = System.nanoTime();
    flushAskedAt = started;
    try (Statement st = connection.createStatement()) {
      st.setEscapeProcessing(false);
      boolean isResultSet = st.execute(combined);
      while (true) {
        if (isResultSet) {
          try (ResultSet rs = st.getResultSet()) {
            if (isObservation(rs)) {
              readObservation(rs, lockRows, objects, seqs);
            }
          }
        } else if (st.getUpdateCount() == -1) {
          break;
        }
        isResultSet = st.getMoreResults();
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    objects = inLogOrder(seqs, objects);
    // Relations seen for the first time: created by this transaction (or TOAST/own, then ignored).
    List<Long> unknown = new ArrayList<>();
    Map<Long, Snapshot> created = new HashMap<>();
    for (Locked row : lockRows) {
      if (!known.containsKey(row.oid()) && !unknown.contains(row.oid())) {
        if (row.name() != null) {
          if (reported(row.name().schema())) {
            created.put(row.oid(), new Snapshot(row.name(), row.relfilenode() == null ? 0 : row.relfilenode(), 0, 0));
          }
        } else {
          unknown.add(row.oid());
        }
      }
    }
    if (!unknown.isEmpty()) {
      created.putAll(relationsNamed(unknown));
    }
    for (Locked row : lockRows) {
      newestKnown = Math.max(newestKnown, row.oid());
    }
    for (Locked row : lockRows) {
      if (!known.containsKey(row.oid()) && !created.containsKey(row.oid())) {
        ignored.add(row.oid());
      }
    }
    List<RelationLock> locks = new ArrayList<>();
    Map<Long, Locked> byOid = new LinkedHashMap<>();
    for (Locked row : lockRows) {
      Snapshot relation = known.containsKey(row.oid()) ? known.get(row.oid()) : created.get(row.oid());
      if (relation == null) {
        continue;
      }
      if (held.add(row.oid() + ":" + row.mode())) {
        locks.add(new RelationLock(relation.relation(), RelationLock.modeOf(row.mode())));
      }
      byOid.put(row.oid(), row);
    }
    Set<Relation> replaced = new HashSet<>();
    for (Locked row : byOid.values()) {
      Snapshot before = known.get(row.oid());
      if (before != null && before.hasStorage() && row.relfilenode() == null) {
        replaced.add(before.relation()); // dropped by the statement
      }
    }
    List<Relation> rewritten = new ArrayList<>();
    List<RelationScan> scanned = new ArrayList<>();
    for (Locked row : byOid.values()) {
      Snapshot before = known.get(row.oid());
      Snapshot now = before == null ? created.get(row.oid()) : before;
      boolean dropped = before != null && before.hasStorage() && row.relfilenode() == null;
      if (before == null ? replaced.contains(now.relation()) && now.hasStorage()
          : !dropped && before.hasStorage() && row.relfilenode() != null && row.relfilenode() != before.relfilenode()) {
        rewritten.add(now.relation());
      }
      long[] soFar = scansSoFar.getOrDefault(row.oid(), new long[2]);
      if (row.scans() > soFar[0] && !dropped) {
        scanned.add(new RelationScan(now.relation(), row.scans() - soFar[0], row.rowsRead() - soFar[1]));
      }
      scansSoFar.put(row.oid(), new long[] {row.scans(), row.rowsRead()});
      if (dropped) {
        known.remove(row.oid());
      } else {
        known.put(row.oid(), new Snapshot(now.relation(), row.relfilenode() == null ? 0 : row.relfilenode(), 0, 0));
      }
    }
    return new ObservedStatement(index, statement.startLine(), statement.text(), true, LockSource.TRANSACTION,
        sortedLocks(locks), rewritten, true, scanned, eventTriggers, objects, took);
  }

  private static boolean isObservation(ResultSet rs) throws SQLException {
    java.sql.ResultSetMetaData meta = rs.getMetaData();
    return meta.getColumnCount() == 9 && meta.getColumnLabel(1).equals("what") && meta.getColumnLabel(9).equals("t4");
  }

  private void readObservation(ResultSet rs, List<Locked> lockRows, List<ObjectChange> objects, List<Long> seqs)
      throws SQLException {
    while (rs.next()) {
      switch (rs.getString("what")) {
        case "L" -> {
          long oid = rs.getLong("n1");
          if (!ignored.contains(oid)) {
            long filenode = rs.getLong("n2");
            Long relfilenode = rs.wasNull() ? null : filenode;
            String relname = rs.getString("t3");
            Relation name = relname == null ? null : new Relation(rs.getString("t2"), relname, RelationKind.of(rs.getString("t4")));
            lockRows.add(new Locked(oid, rs.getString("t1"), relfilenode, rs.getLong("n3"), rs.getLong("n4"), name));
          }
        }
        case "D" -> {
          seqs.add(rs.getLong("n1"));
          objects.add(new ObjectChange(ObjectChange.Kind.valueOf(rs.getString("t1")), rs.getString("t3"), rs.getString("t4"),
              rs.getString("t2")));
        }
        default -> { }
      }
    }
  }

  private List<ObjectChange> inLogOrder(List<Long> seqs, List<ObjectChange> objects) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < seqs.size(); i++) {
      order.add(i);
      logSeq = Math.max(logSeq, seqs.get(i));
    }
    order.sort(Comparator.comparing(seqs::get));
    return order.stream().map(objects::get).toList();
  }

  private Map<Long, Snapshot> relationsNamed(List<Long> oids) throws SQLException {
    relationNames.setArray(1, connection.createArrayOf("int8", oids.toArray()));
    Map<Long, Snapshot> relations = new HashMap<>();
    try (ResultSet rs = relationNames.executeQuery()) {
      while (rs.next()) {
        relations.put(rs.getLong("oid"), snapshot(rs));
      }
    }
    return relations;
  }

  /**
   * A statement run alone in autocommit, before PostgreSQL 15 (or without the right to flush
   * statistics): storage files of every relation before and after; locks sampled from the second
   * connection while it runs; scans not observed (the backend's counters may be sent at any
   * idle moment).
   */
  private ObservedStatement outside(int index, SqlStatement statement, MigrationReplayer.Execution execution)
      throws SQLException {
    if (flushing) {
      return outsideFlushed(index, statement, execution);
    }
    Map<Long, Snapshot> before = relations(RELATIONS);
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
      try (PreparedStatement st = connection.prepareStatement(DDL_LOG)) {
        st.setLong(1, logSeq);
        objects = objectChanges(st.executeQuery());
      }
    }
    Map<Long, Snapshot> after = relations(RELATIONS);
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
    }
    known = new HashMap<>();
    after.forEach((oid, relation) -> known.put(oid, new Snapshot(relation.relation(), relation.relfilenode(), 0, 0)));
    newestKnown = Math.max(newestKnown, known.keySet().stream().mapToLong(Long::longValue).max().orElse(0));
    rewritten.sort(Comparator.comparing(Relation::qualifiedName));
    scanned.sort(Comparator.comparing(scan -> scan.relation().qualifiedName()));
    return new ObservedStatement(index, statement.startLine(), statement.text(), false, source, sortedLocks(locks),
        rewritten, false, scanned, eventTriggers, objects, took);
  }

  /**
   * A statement run alone in autocommit, on PostgreSQL 15+: the backend flushed its statistics
   * right before it (every observation query asks for that), so its pending counters afterwards
   * are the statement's, unless it ran for so long that the backend flushed them itself once idle
   * (then its scans are not observed). Relations: the sampled ones and the new ones, read in one
   * round trip after it.
   */
  private ObservedStatement outsideFlushed(int index, SqlStatement statement, MigrationReplayer.Execution execution)
      throws SQLException {
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
    long finished = System.nanoTime();
    Duration took = Duration.ofNanos(finished - started);
    boolean scansObserved = finished - flushAskedAt < NO_IDLE_FLUSH_NANOS;
    Set<Long> sampledOids = new java.util.TreeSet<>();
    for (String lock : sampled) {
      sampledOids.add(Long.parseLong(lock.substring(0, lock.indexOf(':'))));
    }
    StringBuilder array = new StringBuilder("'{");
    for (Long oid : sampledOids) {
      array.append(array.length() > 2 ? "," : "").append(oid);
    }
    array.append("}'");
    Map<Long, Locked> rows = new LinkedHashMap<>();
    Map<Long, Snapshot> created = new HashMap<>();
    List<Long> seqs = new ArrayList<>();
    List<ObjectChange> objects = new ArrayList<>();
    flushAskedAt = System.nanoTime();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("EXECUTE " + PREPARED_OUTSIDE + " (" + newestKnown + ", " + logSeq + ", " + array + ")")) {
      while (rs.next()) {
        switch (rs.getString("what")) {
          case "L" -> {
            long filenode = rs.getLong("n2");
            Long relfilenode = rs.wasNull() ? null : filenode;
            long oid = rs.getLong("n1");
            rows.put(oid, new Locked(oid, "", relfilenode, rs.getLong("n3"), rs.getLong("n4"), null));
          }
          case "N" -> {
            Relation relation = new Relation(rs.getString("t2"), rs.getString("t3"), RelationKind.of(rs.getString("t4")));
            if (reported(relation.schema())) {
              created.put(rs.getLong("n1"), new Snapshot(relation, rs.getLong("n2"), 0, 0));
            }
          }
          case "D" -> {
            seqs.add(rs.getLong("n1"));
            objects.add(new ObjectChange(ObjectChange.Kind.valueOf(rs.getString("t1")), rs.getString("t3"), rs.getString("t4"),
                rs.getString("t2")));
          }
          default -> { }
        }
      }
    }
    objects = inLogOrder(seqs, objects);
    List<RelationLock> locks = new ArrayList<>();
    for (String lock : sampled) {
      long oid = Long.parseLong(lock.substring(0, lock.indexOf(':')));
      Snapshot relation = known.containsKey(oid) ? known.get(oid) : created.get(oid);
      if (relation != null) {
        locks.add(new RelationLock(relation.relation(), RelationLock.modeOf(lock.substring(lock.indexOf(':') + 1))));
      }
    }
    Set<Relation> replaced = new HashSet<>();
    for (Locked row : rows.values()) {
      Snapshot before = known.get(row.oid());
      if (before != null && before.hasStorage() && row.relfilenode() == null) {
        replaced.add(before.relation());
      }
    }
    List<Relation> rewritten = new ArrayList<>();
    List<RelationScan> scanned = new ArrayList<>();
    for (Locked row : rows.values()) {
      Snapshot before = known.containsKey(row.oid()) ? known.get(row.oid()) : created.get(row.oid());
      if (before == null) {
        continue;
      }
      boolean dropped = before.hasStorage() && row.relfilenode() == null;
      if (known.containsKey(row.oid()) && !dropped && before.hasStorage() && row.relfilenode() != null
          && row.relfilenode() != before.relfilenode()) {
        rewritten.add(before.relation());
      }
      if (scansObserved && row.scans() > 0 && !dropped) {
        scanned.add(new RelationScan(before.relation(), row.scans(), row.rowsRead()));
      }
      if (dropped) {
        known.remove(row.oid());
      } else if (known.containsKey(row.oid())) {
        known.put(row.oid(), new Snapshot(before.relation(), row.relfilenode() == null ? 0 : row.relfilenode(), 0, 0));
      }
    }
    for (Map.Entry<Long, Snapshot> entry : created.entrySet()) {
      if (replaced.contains(entry.getValue().relation()) && entry.getValue().hasStorage()) {
        rewritten.add(entry.getValue().relation());
      }
      known.put(entry.getKey(), entry.getValue());
      newestKnown = Math.max(newestKnown, entry.getKey());
    }
    rewritten.sort(Comparator.comparing(Relation::qualifiedName));
    scanned.sort(Comparator.comparing(scan -> scan.relation().qualifiedName()));
    return new ObservedStatement(index, statement.startLine(), statement.text(), false, source, sortedLocks(locks),
        rewritten, scansObserved, scanned, eventTriggers, objects, took);
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
        java.util.concurrent.locks.LockSupport.parkNanos(holding ? 200_000 : 1_000_000);
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

  private Map<Long, Snapshot> relations(String sql) throws SQLException {
    Map<Long, Snapshot> relations = new HashMap<>();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        relations.put(rs.getLong("oid"), snapshot(rs));
      }
    }
    return relations;
  }

  private static Snapshot snapshot(ResultSet rs) throws SQLException {
    return new Snapshot(new Relation(rs.getString("nspname"), rs.getString("relname"), RelationKind.of(rs.getString("relkind"))),
        rs.getLong("relfilenode"), rs.getLong("scans"), rs.getLong("rows_read"));
  }

  private List<ObjectChange> objectChanges(ResultSet rs) throws SQLException {
    List<Long> seqs = new ArrayList<>();
    List<ObjectChange> objects = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        seqs.add(rs.getLong("n1"));
        objects.add(new ObjectChange(ObjectChange.Kind.valueOf(rs.getString("t1")), rs.getString("t3"), rs.getString("t4"),
            rs.getString("t2")));
      }
    }
    return inLogOrder(seqs, objects);
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

  private static void closeQuietly(Statement statement) {
    try {
      statement.close();
    } catch (SQLException ignored) {
      // Closing a statement we are done with.
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
