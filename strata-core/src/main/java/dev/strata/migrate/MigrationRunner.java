package dev.strata.migrate;

import dev.strata.Cancellation;
import dev.strata.ErrorCode;
import dev.strata.OutOfOrderMigration;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import dev.strata.diag.Diagnostic;
import dev.strata.migrate.history.HistoryStore;
import dev.strata.migrate.history.MigrationRecord;
import dev.strata.migrate.history.MigrationStatus;
import dev.strata.migrate.run.AdvisoryLock;
import dev.strata.migrate.run.BlockerWatch;
import dev.strata.migrate.run.DeployListener;
import dev.strata.migrate.run.DeployOptions;
import dev.strata.migrate.run.DeployPlan;
import dev.strata.migrate.run.DeployResult;
import dev.strata.migrate.run.MigrationOutcome;
import dev.strata.migrate.run.PrismaErrors;
import dev.strata.postgres.exec.PgConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Prisma Migrate's deploy, status and resolve on one database and one migrations directory,
 * writing the same {@code _prisma_migrations} rows as Prisma.
 *
 * <p>Commands that write take Prisma's advisory lock first, on the session that does the work, so
 * Strata and Prisma processes never migrate one database at the same time, and a session whose
 * client died keeps others out until the server has ended it. A migration whose
 * statements all run in one transaction is sent as Prisma sends it (one implicit transaction),
 * with its finished row (Prisma's started-then-finished row, written in one statement) at the end
 * of that transaction. Any other migration (its own
 * {@code BEGIN}/{@code COMMIT}, {@code CREATE INDEX CONCURRENTLY}, …) gets Prisma's started row,
 * committed first, is applied by {@link MigrationReplayer} (Prisma's per-file transaction
 * semantics), and is marked finished in its last transaction. Either way a row is finished exactly
 * when the migration's changes are committed, so a process killed at any point leaves a finished
 * migration, no trace at all, or an unfinished row (Prisma's failed state). A failure is recorded
 * in the row's {@code logs} (database error, file, line, statement) and the row stays unfinished.
 */
public final class MigrationRunner {
  private static final String LOCK_NOT_AVAILABLE = "55P03";
  private static final int MAX_LOGGED_STATEMENT = 4000;

  private final Supplier<Connection> connections;
  private final String schema;
  private final MigrationsDirectory directory;
  private final DeployOptions options;
  private final DeployListener listener;
  private final Cancellation cancellation;
  private final Preflight preflight;
  private final StartGate gate;

  /** A check that runs on the working session (which holds the advisory lock) before the first pending migration is applied. */
  @FunctionalInterface
  public interface Preflight {
    /** Checks {@code pending}; throwing stops the deploy before anything is applied. */
    void check(Connection work, List<MigrationFolder> pending);

    Preflight NONE = (work, pending) -> {};
  }

  /**
   * Asked before each pending migration starts: why it may not start now (a maintenance window
   * that closed), or empty. A migration that may not start is left as it is, not applied and not
   * recorded ({@link DeployResult.Reason#WINDOW_CLOSED}): the next deploy applies it.
   */
  @FunctionalInterface
  public interface StartGate {
    java.util.Optional<String> closed();

    StartGate OPEN = java.util.Optional::empty;
  }

  private MigrationRunner(Supplier<Connection> connections, String schema, MigrationsDirectory directory, DeployOptions options,
      DeployListener listener, Cancellation cancellation) {
    this(connections, schema, directory, options, listener, cancellation, Preflight.NONE, StartGate.OPEN);
  }

  private MigrationRunner(Supplier<Connection> connections, String schema, MigrationsDirectory directory, DeployOptions options,
      DeployListener listener, Cancellation cancellation, Preflight preflight, StartGate gate) {
    this.connections = connections;
    this.schema = schema;
    this.directory = directory;
    this.options = options;
    this.listener = listener;
    this.cancellation = cancellation;
    this.preflight = preflight;
    this.gate = gate;
  }

  /** This runner, running {@code check} before it applies the first pending migration (only when some are pending). */
  public MigrationRunner withPreflight(Preflight check) {
    return new MigrationRunner(connections, schema, directory, options, listener, cancellation, Objects.requireNonNull(check, "check"), gate);
  }

  /** This runner, asking {@code startGate} before each pending migration whether it may start. */
  public MigrationRunner withStartGate(StartGate startGate) {
    return new MigrationRunner(connections, schema, directory, options, listener, cancellation, preflight,
        Objects.requireNonNull(startGate, "startGate"));
  }

  /** A runner for the database at {@code url} (its {@code ?schema=} holds the history) and the directory's migrations. */
  public static MigrationRunner of(DatabaseUrl url, MigrationsDirectory directory) {
    Objects.requireNonNull(url, "url");
    return new MigrationRunner(() -> PgConnections.open(url), url.schema(), Objects.requireNonNull(directory, "directory"),
        DeployOptions.defaults(), DeployListener.NONE, new Cancellation());
  }

  /** A runner whose connections come from {@code connections} (each call a new connection, closed by the runner). */
  public static MigrationRunner of(Supplier<Connection> connections, String schema, MigrationsDirectory directory) {
    return new MigrationRunner(Objects.requireNonNull(connections, "connections"), Objects.requireNonNull(schema, "schema"),
        Objects.requireNonNull(directory, "directory"), DeployOptions.defaults(), DeployListener.NONE, new Cancellation());
  }

  public MigrationRunner withOptions(DeployOptions newOptions) {
    return new MigrationRunner(connections, schema, directory, Objects.requireNonNull(newOptions, "options"), listener, cancellation, preflight, gate);
  }

  public MigrationRunner withListener(DeployListener newListener) {
    return new MigrationRunner(connections, schema, directory, options, Objects.requireNonNull(newListener, "listener"), cancellation, preflight, gate);
  }

  /**
   * This runner, stoppable through {@code newCancellation}: {@link Cancellation#cancel()} cancels
   * the running statement, and {@link #deploy()} returns an interrupted result that says what
   * stayed applied.
   */
  public MigrationRunner withCancellation(Cancellation newCancellation) {
    return new MigrationRunner(connections, schema, directory, options, listener, Objects.requireNonNull(newCancellation, "cancellation"), preflight, gate);
  }

  /**
   * Applies every pending migration, in order, stopping at the first failure (which the result
   * carries; the row is left failed).
   *
   * <p>The advisory lock is held by the session that applies the migrations, so it is released
   * only when that session ends: a second deploy cannot start while statements of a first one,
   * whose client died, can still commit. On PostgreSQL 14+ the server also stops such a session's
   * work within a second of its client's death ({@code client_connection_check_interval}), which
   * rolls the current migration back.
   *
   * @throws StrataException P1002 (lock timeout), P3005 (non-empty schema without history), P3009
   *     (failed migrations), or an unreadable directory / unreachable database
   */
  public DeployResult deploy() {
    requireReadableDirectory();
    long started = System.nanoTime();
    Run run = new Run(started);
    try (Connection work = connections.get()) {
      cancellation.watch(work);
      try {
        try {
          PgConnections.stopWorkWhenClientGone(work);
          AdvisoryLock.acquire(work, options.advisoryLockTimeout(), listener::waitingForLock, cancellation::requested);
        } catch (SQLException | StrataException e) {
          if (cancellation.requested()) {
            return run.interrupted(Optional.empty(), Optional.empty(), Optional.empty());
          }
          throw e instanceof SQLException sql ? new StrataException(ErrorCode.DATABASE,
              "Could not prepare the session: " + DatabaseUrl.mask(String.valueOf(sql.getMessage())), sql) : (StrataException) e;
        }
        try {
          return deploy(work, run);
        } catch (StrataException e) {
          if (cancellation.requested()) {
            return run.interrupted(Optional.empty(), Optional.empty(), Optional.empty());
          }
          throw e;
        } finally {
          AdvisoryLock.releaseQuietly(work);
        }
      } finally {
        cancellation.watch(null);
      }
    } catch (SQLException e) {
      throw closing(e);
    }
  }

  /** One deploy's progress: when it started, what it created and applied so far. */
  private final class Run {
    final long started;
    final List<MigrationOutcome> applied = new ArrayList<>();
    boolean created;
    /** What the working session waits for, watched from a second connection (null when not watched). */
    BlockerWatch watch;

    /** The sessions the current attempt waited for (reported when some were seen), and a fresh start for the next attempt. */
    List<dev.strata.BlockingSession> blockers(String name, int attempt) {
      if (watch == null) {
        return List.of();
      }
      List<dev.strata.BlockingSession> seen = watch.seen();
      watch.reset();
      if (!seen.isEmpty()) {
        listener.blocked(name, attempt, seen);
      }
      return seen;
    }

    Run(long started) {
      this.started = started;
    }

    DeployResult done() {
      return new DeployResult(directory.folders().size(), applied, Optional.empty(), Optional.empty(), created, elapsed());
    }

    DeployResult failed(MigrationFailure failure, String logs, boolean interrupted) {
      return new DeployResult(directory.folders().size(), applied, Optional.of(failure), Optional.of(logs), Optional.empty(),
          interrupted, created, elapsed(), List.of());
    }

    DeployResult notApplied(DeployResult.NotApplied notApplied) {
      return new DeployResult(directory.folders().size(), applied, Optional.empty(), Optional.empty(), Optional.of(notApplied),
          notApplied.reason() == DeployResult.Reason.INTERRUPTED, created, elapsed(), List.of());
    }

    DeployResult interrupted(Optional<MigrationFailure> failure, Optional<String> logs, Optional<DeployResult.NotApplied> notApplied) {
      return new DeployResult(directory.folders().size(), applied, failure, logs, notApplied, true, created, elapsed(), List.of());
    }

    private Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - started);
    }
  }

  private DeployResult deploy(Connection work, Run run) {
    HistoryStore store = HistoryStore.on(work, schema);
    if (!store.exists()) {
      List<String> tables = store.userTables();
      if (!tables.isEmpty()) {
        throw PrismaErrors.schemaNotEmpty(schema, tables);
      }
      store.create();
      run.created = true;
      listener.createdHistoryTable();
    }
    List<MigrationRecord> rows = store.list();
    List<MigrationRecord> failed = rows.stream().filter(MigrationRecord::isFailed).toList();
    if (!failed.isEmpty()) {
      throw PrismaErrors.failedMigrations(failed);
    }
    List<MigrationFolder> pending = pending(rows);
    if (pending.isEmpty()) {
      return run.done();
    }
    // Checksums and statement splitting run on a second thread, in order, ahead of the migrations:
    // they start before the preflight, and each is ready while the server still applies the one before.
    ExecutorService preparer = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "strata-prepare");
      thread.setDaemon(true);
      return thread;
    });
    List<OutOfOrderMigration> outOfOrder;
    try {
      int serverMajor = serverMajorVersion(work);
      List<CompletableFuture<Prepared>> prepared = new ArrayList<>(pending.size());
      for (MigrationFolder folder : pending) {
        prepared.add(CompletableFuture.supplyAsync(() -> Prepared.of(folder, serverMajor), preparer));
      }
      options.statementLockTimeout().ifPresent(timeout -> setLockTimeout(work, timeout));
      preflight.check(work, pending);
      // Prisma applies them without a word; Strata applies them too, and says so.
      outOfOrder = outOfOrder(rows);
      if (!outOfOrder.isEmpty()) {
        listener.outOfOrder(outOfOrder);
      }
      // Each migration commits without waiting for its WAL flush, and the run ends with one commit
      // that waits (at the server's configured level) for everything before it. WAL is replayed in
      // order, so a server crash can only lose a suffix of whole migrations together with their
      // rows, never one without the other; and success is reported only once all of it is durable.
      // This saves one disk flush per migration, which is most of the cost of a small migration.
      session(work, "SET synchronous_commit = off");
      MigrationReplayer replayer = MigrationReplayer.on(work).stoppingWhen(cancellation::requested);
      // Under a lock timeout, a second connection watches what the working session waits for, so
      // that a migration that gives up can name the sessions that held it up.
      run.watch = options.statementLockTimeout()
          .map(timeout -> BlockerWatch.start(work, connections, Duration.ofMillis(Math.min(1000, timeout.toMillis() / 2))))
          .orElse(null);
      try {
        for (CompletableFuture<Prepared> next : prepared) {
          Prepared migration = await(next);
          if (cancellation.requested()) {
            flushAfterCancel(work);
            return run.interrupted(Optional.empty(), Optional.empty(), Optional.empty());
          }
          Optional<String> closed = gate.closed();
          if (closed.isPresent()) {
            // nothing of it ran: it stays pending, and what ran before it is made durable as at the end of a run
            flush(work);
            return run.notApplied(new DeployResult.NotApplied(migration.folder().name(), DeployResult.Reason.WINDOW_CLOSED, 0,
                closed.get())).withOutOfOrder(outOfOrder);
          }
          listener.applying(migration.folder().name());
          Optional<DeployResult> stopped = apply(work, store, replayer, migration, run);
          if (stopped.isPresent()) {
            if (cancellation.requested()) {
              flushAfterCancel(work);
            } else {
              flush(work);
            }
            return stopped.get().withOutOfOrder(outOfOrder);
          }
        }
      } catch (RuntimeException e) {
        try {
          flush(work);
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    } finally {
      preparer.shutdownNow();
      if (run.watch != null) {
        run.watch.close();
        run.watch = null;
      }
    }
    flush(work);
    return run.done().withOutOfOrder(outOfOrder);
  }

  /**
   * The flush of {@link #flush} after a cancel request: the request may still reach the server
   * and cancel it, so it is tried twice; the run's commits are visible either way.
   */
  private static void flushAfterCancel(Connection work) {
    try {
      flush(work);
    } catch (StrataException first) {
      try {
        flush(work);
      } catch (StrataException ignored) {
        // Visible, not yet known durable: the server's own WAL writer flushes it within moments.
      }
    }
  }

  /** Back to the server's synchronous_commit, and one commit that waits for all the run's commits to be durable. */
  private static void flush(Connection work) {
    session(work, "RESET synchronous_commit");
    // A transaction id makes this commit write a commit record, whose flush covers all earlier ones.
    session(work, "SELECT txid_current()");
  }

  /** The server's major version (from the connection's startup parameters: no query). */
  private static int serverMajorVersion(Connection work) {
    try {
      return work.getMetaData().getDatabaseMajorVersion();
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Could not read the server version: " + DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
    }
  }

  private static void session(Connection work, String sql) {
    try (Statement statement = work.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Could not run " + sql + ": " + DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
    }
  }

  /**
   * Applies one migration with its bookkeeping; returns the result that ends the run (a failure,
   * an unapplied migration, an interruption), or empty when it was applied (its outcome then added
   * to the run).
   *
   * <p>A migration whose statements all run in one transaction (no {@code BEGIN}/{@code COMMIT} of
   * its own, nothing that must run outside a transaction block) gets its changes and its finished
   * row in that one transaction: one commit, and a process killed midway leaves no
   * trace, so the next deploy simply applies it. Any other migration gets Prisma's started row,
   * committed first, so that an interruption leaves Prisma's failed state behind, and its finish in
   * its last transaction; when it stops before any of its statements committed (a lock timeout, a
   * cancel) the started row is removed again, so that it leaves no trace either.
   */
  private Optional<DeployResult> apply(Connection work, HistoryStore store, MigrationReplayer replayer, Prepared migration, Run run) {
    MigrationFolder folder = migration.folder();
    String script = migration.script();
    String checksum = migration.checksum();
    List<SqlStatement> statements = migration.statements();
    boolean atomic = migration.atomic();
    String id;
    String bookkeeping;
    if (atomic) {
      id = UUID.randomUUID().toString();
      bookkeeping = store.insertFinishedStatement(id, checksum, folder.name());
    } else {
      id = store.insertStarted(folder.name(), checksum).id();
      bookkeeping = store.finishStatement(id);
    }
    // After the script, so that its lines keep their numbers for error reports.
    String text = script + "\n;\n" + bookkeeping + ";\n";
    int attempt = 1;
    int maxAttempts = options.statementLockTimeout().isPresent() ? options.lockRetries() + 1 : 1;
    if (atomic) {
      Batch batch = applyAsOneBatch(work, folder.name(), text, statements.size());
      if (batch.outcome().isPresent()) {
        run.applied.add(batch.outcome().get());
        listener.applied(batch.outcome().get());
        return Optional.empty();
      }
      if (cancellation.requested()) {
        // Cancelled: the one transaction rolled back, nothing of it is applied or recorded.
        return Optional.of(run.notApplied(new DeployResult.NotApplied(folder.name(), DeployResult.Reason.INTERRUPTED, attempt,
            batch.message())));
      }
      // It failed and was rolled back as a whole; the replayer runs it again statement by statement,
      // which names the failing statement and line exactly (or applies it, if the cause was passing).
      if (LOCK_NOT_AVAILABLE.equals(batch.sqlState())) {
        run.blockers(folder.name(), attempt);
      }
      if (LOCK_NOT_AVAILABLE.equals(batch.sqlState()) && attempt < maxAttempts) {
        Duration delay = options.retryBackoff();
        listener.retrying(folder.name(), attempt, maxAttempts, delay, batch.message());
        sleep(delay);
        attempt++;
      }
    }
    while (true) {
      try {
        AppliedMigration done = replayer.apply(folder.name(), folder.migrationFile(), text);
        MigrationOutcome outcome = new MigrationOutcome(folder.name(), done.statements() - 1, done.elapsed(), attempt, done.notes());
        run.applied.add(outcome);
        listener.applied(outcome);
        return Optional.empty();
      } catch (MigrationFailedException e) {
        MigrationFailure failure = e.failure();
        boolean interrupted = cancellation.requested();
        List<dev.strata.BlockingSession> blockers = !interrupted && LOCK_NOT_AVAILABLE.equals(failure.sqlState())
            ? run.blockers(folder.name(), attempt) : List.of();
        if (!interrupted && LOCK_NOT_AVAILABLE.equals(failure.sqlState()) && !failure.earlierStatementsCommitted()
            && attempt < maxAttempts) {
          Duration delay = options.retryBackoff().multipliedBy(1L << Math.min(20, attempt - 1));
          listener.retrying(folder.name(), attempt, maxAttempts, delay, failure.databaseMessage());
          sleep(delay);
          attempt++;
          continue;
        }
        if (!failure.earlierStatementsCommitted() && (interrupted || LOCK_NOT_AVAILABLE.equals(failure.sqlState()))) {
          // Nothing of it was committed: leave no row, so that the next deploy simply applies it
          // (a failed row would block every later deploy until someone resolves it by hand).
          if (!atomic) {
            bookkeepingAfterCancel(() -> store.delete(id));
          }
          return Optional.of(run.notApplied(new DeployResult.NotApplied(folder.name(),
              interrupted ? DeployResult.Reason.INTERRUPTED : DeployResult.Reason.LOCK_TIMEOUT, attempt, failure.databaseMessage(),
              blockers)));
        }
        String logs = logs(failure, attempt, script.length());
        if (interrupted) {
          logs += "\n\nThe deploy was interrupted (cancelled) while applying this migration.";
        }
        String recorded = logs;
        try {
          bookkeepingAfterCancel(() -> {
            if (atomic) {
              // Nothing of it was committed; record Prisma's failed row now.
              store.insertFailed(id, checksum, folder.name(), recorded);
            } else {
              store.markFailed(id, recorded);
            }
          });
        } catch (StrataException recordFailure) {
          logs += "\n(The failure could not be recorded in " + HistoryStore.TABLE + ": " + recordFailure.getMessage() + ")";
        }
        return Optional.of(run.failed(failure, logs, interrupted));
      }
    }
  }

  /**
   * Runs history bookkeeping that may follow a cancel request: the request can reach the server
   * late and cancel this statement instead of the one it was meant for, so a cancelled attempt is
   * made once more.
   */
  private void bookkeepingAfterCancel(Runnable write) {
    try {
      write.run();
    } catch (StrataException e) {
      if (!cancellation.requested()) {
        throw e;
      }
      write.run();
    }
  }

  /**
   * A migration read and analysed ahead of its turn: its script, Prisma's checksum, its statements,
   * and whether they all run in one transaction on this server (no {@code BEGIN}/{@code COMMIT} of
   * the file's own, nothing that must run outside a transaction block).
   */
  private record Prepared(MigrationFolder folder, String script, String checksum, List<SqlStatement> statements, boolean atomic) {
    static Prepared of(MigrationFolder folder, int serverMajor) {
      String script = folder.sql().orElse("");
      List<SqlStatement> statements = SqlSplitter.split(script);
      boolean atomic = statements.stream().noneMatch(st -> st.isTransactionControl() || st.needsNoTransactionOn(serverMajor));
      return new Prepared(folder, script, MigrationChecksum.of(script), statements, atomic);
    }
  }

  private static Prepared await(CompletableFuture<Prepared> next) {
    try {
      return next.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * Sends a one-transaction migration (with its bookkeeping) in one round trip, as Prisma sends a
   * script: the statements run in one implicit transaction, all or nothing. On failure (nothing of
   * it was applied) the result carries the error's SQLSTATE and message instead of an outcome.
   */
  private static Batch applyAsOneBatch(Connection work, String name, String text, int statements) {
    long start = System.nanoTime();
    try {
      if (!work.getAutoCommit()) {
        return new Batch(Optional.empty(), "", "the connection is not in autocommit mode");
      }
      try (Statement statement = work.createStatement()) {
        statement.setEscapeProcessing(false);
        statement.execute(text);
      }
      return new Batch(Optional.of(new MigrationOutcome(name, statements, Duration.ofNanos(System.nanoTime() - start), 1, List.of())), "", "");
    } catch (SQLException e) {
      return new Batch(Optional.empty(), Objects.requireNonNullElse(e.getSQLState(), ""), String.valueOf(e.getMessage()));
    }
  }

  /** What sending a migration in one round trip gave: the outcome, or the error's SQLSTATE and message. */
  private record Batch(Optional<MigrationOutcome> outcome, String sqlState, String message) {}

  /**
   * What {@link #deploy()} would apply, read without the lock and without writing anything.
   *
   * @throws StrataException P3005 or P3009 when deploy would refuse
   */
  public DeployPlan plan() {
    requireReadableDirectory();
    try (Connection work = connections.get()) {
      HistoryStore store = HistoryStore.on(work, schema);
      boolean exists = store.exists();
      if (!exists) {
        List<String> tables = store.userTables();
        if (!tables.isEmpty()) {
          throw PrismaErrors.schemaNotEmpty(schema, tables);
        }
      }
      List<MigrationRecord> rows = store.list();
      List<MigrationRecord> failed = rows.stream().filter(MigrationRecord::isFailed).toList();
      if (!failed.isEmpty()) {
        throw PrismaErrors.failedMigrations(failed);
      }
      List<DeployPlan.Pending> pending = pending(rows).stream()
          .map(f -> new DeployPlan.Pending(f.name(), f.statements().size())).toList();
      return new DeployPlan(directory.folders().size(), pending, !exists, outOfOrder(rows));
    } catch (SQLException e) {
      throw closing(e);
    }
  }

  /** The state of every migration (no lock, nothing written; a missing table reads as an empty history). */
  public MigrationStatus status() {
    refuseFilesNotUtf8();
    try (Connection work = connections.get()) {
      HistoryStore store = HistoryStore.on(work, schema);
      boolean exists = store.exists();
      return MigrationStatus.of(directory.folders(), exists ? store.list() : List.of(), exists);
    } catch (SQLException e) {
      throw closing(e);
    }
  }

  /**
   * Prisma's {@code resolve --applied}: records a migration as applied without running it
   * (baselining; creates the table when missing). Unfinished rows of it are marked rolled back.
   *
   * @throws StrataException P3017 (no such folder), P3008 (already applied)
   */
  public void markApplied(String name) {
    MigrationFolder folder = directory.folder(name).orElseThrow(() -> PrismaErrors.notFound(name));
    String script = folder.sql().orElseThrow(() -> folder.problems().stream()
        .filter(d -> d.isError() && d.code().equals(MigrateCodes.NOT_UTF8)).map(Diagnostic::message).findFirst()
        .map(message -> new StrataException(ErrorCode.INVALID_INPUT, message))
        .orElseGet(() -> new StrataException(ErrorCode.INVALID_INPUT, "P3015: Could not find the migration file at "
            + folder.migrationFile() + ". Please delete the directory or restore the migration file.",
            StrataException.Details.prisma("P3015").withMigration(name))));
    try (Connection work = connections.get()) {
      AdvisoryLock.acquire(work, options.advisoryLockTimeout(), listener::waitingForLock);
      try {
        HistoryStore store = HistoryStore.on(work, schema);
        if (!store.exists()) {
          store.create();
          listener.createdHistoryTable();
        }
        List<MigrationRecord> relevant = store.list().stream()
            .filter(r -> r.migrationName().equals(name) && !r.isRolledBack()).toList();
        if (relevant.stream().anyMatch(r -> r.finishedAt().isPresent())) {
          throw PrismaErrors.alreadyApplied(name);
        }
        relevant.forEach(r -> store.markRolledBack(r.id()));
        store.insertApplied(name, MigrationChecksum.of(script));
      } finally {
        AdvisoryLock.releaseQuietly(work);
      }
    } catch (SQLException e) {
      throw closing(e);
    }
  }

  /**
   * Prisma's {@code resolve --rolled-back}: sets a failed migration aside, so that the next deploy
   * applies it again.
   *
   * @throws StrataException P3011 (never applied), P3012 (not failed)
   */
  public void markRolledBack(String name) {
    try (Connection work = connections.get()) {
      AdvisoryLock.acquire(work, options.advisoryLockTimeout(), listener::waitingForLock);
      try {
        HistoryStore store = HistoryStore.on(work, schema);
        List<MigrationRecord> relevant = store.list().stream()
            .filter(r -> r.migrationName().equals(name) && !r.isRolledBack()).toList();
        if (relevant.isEmpty()) {
          throw PrismaErrors.neverApplied(name);
        }
        List<MigrationRecord> failed = relevant.stream().filter(MigrationRecord::isFailed).toList();
        if (failed.isEmpty()) {
          throw PrismaErrors.notFailed(name);
        }
        failed.forEach(r -> store.markRolledBack(r.id()));
      } finally {
        AdvisoryLock.releaseQuietly(work);
      }
    } catch (SQLException e) {
      throw closing(e);
    }
  }

  /** The folders without a row that counts (a row not rolled back), in directory order: what deploy applies. */
  private List<MigrationFolder> pending(List<MigrationRecord> rows) {
    Set<String> recorded = new HashSet<>();
    for (MigrationRecord row : rows) {
      if (!row.isRolledBack()) {
        recorded.add(row.migrationName());
      }
    }
    List<MigrationFolder> pending = new ArrayList<>();
    for (MigrationFolder folder : directory.folders()) {
      if (!recorded.contains(folder.name())) {
        pending.add(folder);
      }
    }
    return pending;
  }

  /**
   * The pending folders that sort before the last folder with a row that counts: deploy applies
   * them after migrations dated later (two branches merged, or a migration dated in the past).
   */
  private List<OutOfOrderMigration> outOfOrder(List<MigrationRecord> rows) {
    Set<String> recorded = new HashSet<>();
    for (MigrationRecord row : rows) {
      if (!row.isRolledBack()) {
        recorded.add(row.migrationName());
      }
    }
    List<MigrationFolder> folders = directory.folders();
    int last = -1;
    for (int i = 0; i < folders.size(); i++) {
      if (recorded.contains(folders.get(i).name())) {
        last = i;
      }
    }
    List<OutOfOrderMigration> found = new ArrayList<>();
    for (int i = 0; i < last; i++) {
      if (!recorded.contains(folders.get(i).name())) {
        found.add(new OutOfOrderMigration(folders.get(i).name(), folders.get(last).name(), false));
      }
    }
    return found;
  }

  private void requireReadableDirectory() {
    List<Diagnostic> errors = directory.allProblems().stream().filter(Diagnostic::isError).toList();
    if (!errors.isEmpty()) {
      StringBuilder message = new StringBuilder("The migrations directory " + directory.directory() + " cannot be applied:");
      errors.forEach(d -> message.append("\n- ").append(d.message()));
      throw new StrataException(ErrorCode.INVALID_INPUT, message.toString());
    }
  }

  /**
   * Status reads a directory with other problems as Prisma does (a folder without its script is a
   * state to report), but a script that is not UTF-8 has no trustworthy checksum to compare.
   */
  private void refuseFilesNotUtf8() {
    List<Diagnostic> errors = directory.allProblems().stream()
        .filter(d -> d.isError() && d.code().equals(MigrateCodes.NOT_UTF8)).toList();
    if (!errors.isEmpty()) {
      StringBuilder message = new StringBuilder("The migrations directory " + directory.directory() + " cannot be read:");
      errors.forEach(d -> message.append("\n- ").append(d.message()));
      throw new StrataException(ErrorCode.INVALID_INPUT, message.toString());
    }
  }

  private static void setLockTimeout(Connection work, Duration timeout) {
    try (Statement statement = work.createStatement()) {
      statement.execute("SET lock_timeout = " + Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Could not set lock_timeout: " + DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
    }
  }

  /** What the failed row's {@code logs} hold: the report (database error, file, line), the statement, and the attempts. */
  private static String logs(MigrationFailure failure, int attempts, int scriptLength) {
    StringBuilder logs = new StringBuilder(failure.message());
    if (failure.statement().startOffset() >= scriptLength) {
      logs.append("\n(The migration's statements all succeeded; recording it as finished failed, so its transaction was rolled back.)");
    } else {
      String text = failure.statement().text();
      if (text.length() > MAX_LOGGED_STATEMENT) {
        text = text.substring(0, MAX_LOGGED_STATEMENT) + "\n…";
      }
      logs.append("\n\nFailed statement (line ").append(failure.statement().startLine()).append("):\n").append(text);
    }
    if (attempts > 1) {
      logs.append("\n\nAttempts: ").append(attempts).append(" (lock_timeout each time)");
    }
    return logs.toString();
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StrataException(ErrorCode.INTERNAL, "interrupted while waiting to retry a migration", e);
    }
  }

  private static StrataException closing(SQLException e) {
    return new StrataException(ErrorCode.DATABASE, "Could not close a database connection: " + DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
  }
}
