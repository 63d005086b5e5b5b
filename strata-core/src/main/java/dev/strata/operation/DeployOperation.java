package dev.strata.operation;

import dev.strata.BlockingSession;
import dev.strata.DeployHook;
import dev.strata.DeployPlan;
import dev.strata.DeployPreflight;
import dev.strata.DriftCheck;
import dev.strata.DeployResult;
import dev.strata.DeploySettings;
import dev.strata.ErrorCode;
import dev.strata.OutOfOrderMigration;
import dev.strata.ResolveResult;
import dev.strata.StatusResult;
import dev.strata.StrataConfig;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.migrate.MigrationFailure;
import dev.strata.migrate.MigrationRunner;
import dev.strata.migrate.MigrationsDirectory;
import dev.strata.migrate.history.HistoryDiagnostic;
import dev.strata.migrate.history.MigrationRecord;
import dev.strata.migrate.history.MigrationStatus;
import dev.strata.migrate.run.DeployListener;
import dev.strata.migrate.run.DeployOptions;
import dev.strata.migrate.run.GuardQueries;
import dev.strata.migrate.run.MigrationOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code migrate deploy} (and its dry run), {@code migrate status} and {@code migrate resolve}:
 * reads the migrations folder, runs the migration runner on the configured database, and turns
 * its results into the records of {@code dev.strata}; progress goes out as {@link StrataEvent}s.
 */
public final class DeployOperation {
  private final StrataConfig config;
  private final Consumer<StrataEvent> events;
  private final Supplier<Connection> connections;
  private final String database;

  /**
   * @param events where progress goes (the façade's listener, whose exceptions it swallows)
   * @param connections a new connection per call, closed by the operation
   * @param database the database as events name it (a masked URL)
   */
  public DeployOperation(StrataConfig config, Consumer<StrataEvent> events, Supplier<Connection> connections, String database) {
    this.config = config;
    this.events = events;
    this.connections = connections;
    this.database = database;
  }

  /**
   * Applies the pending migrations; a failure, a lock timeout that outlasted the retries and an interruption are in the result.
   *
   * <p>What runs besides the migrations runs only when some are pending, from the runner's
   * preflight (a deploy with nothing to apply does none of it): the deploy hooks, the guarded
   * preflight, and the drift check's replay of the history into the shadow database, which starts
   * there on a second thread and runs while the migrations apply. The hooks run without the
   * advisory lock (the backup hook takes it itself): when the preflight finds hooks that want to
   * run, the runner lets go of the lock and the session, the hooks run, and the deploy starts again.
   */
  public DeployResult deploy(DeploySettings settings) {
    MigrationsDirectory directory = directory();
    AtomicReference<DeployPreflight> preflight = new AtomicReference<>();
    AtomicReference<DriftVerification.Replay> replay = new AtomicReference<>();
    AtomicBoolean createdHistory = new AtomicBoolean();
    MigrationRunner runner = runner(directory, settings).withListener(listener(settings, createdHistory))
        .withCancellation(settings.cancellation()).withStartGate(windowGate(settings));
    events.accept(new StrataEvent.DeployStarted(directory.directory().toString(), database, directory.folders().size(), false));
    dev.strata.migrate.run.DeployResult result;
    List<DeployHook.Outcome> hooks = List.of();
    Optional<DriftCheck> drift = Optional.empty();
    try {
      try {
        try {
          result = runner.withPreflight(beforeFirstMigration(settings, directory, true, preflight, replay)).deploy();
        } catch (HooksFirst first) {
          hooks = DeployHooks.run(first.hooks, config, first.pending, events);
          result = runner.withPreflight(beforeFirstMigration(settings, directory, false, preflight, replay)).deploy();
        }
      } catch (StrataException e) {
        events.accept(new StrataEvent.DeployFailed(e.getMessage()));
        throw e;
      }
      if (replay.get() != null && result.succeeded() && !result.applied().isEmpty()) {
        DriftCheck check = replay.getAndSet(null).finish();
        events.accept(new StrataEvent.DriftChecked(check));
        drift = Optional.of(check);
      }
    } finally {
      // a failed, stopped or refused deploy: nothing to compare; the replay stops and gives its shadow back
      DriftVerification.Replay left = replay.getAndSet(null);
      if (left != null) {
        left.abandon();
      }
    }
    DeployResult mapped = map(result, createdHistory.get(), hooks.stream().flatMap(h -> h.recoveryCommand().stream()).toList(),
        Optional.ofNullable(preflight.get()), drift);
    if (mapped.failure().isPresent()) {
      events.accept(new StrataEvent.DeployFailed(mapped.failure().get().message()));
    } else if (mapped.notApplied().isPresent()) {
      events.accept(new StrataEvent.DeployFailed(notAppliedMessage(mapped.notApplied().get())));
    } else if (!mapped.interrupted()) {
      events.accept(new StrataEvent.DeployFinished(mapped.found(), mapped.applied(), mapped.elapsed()));
    }
    return mapped;
  }

  /**
   * What runs once the runner knows migrations are pending, on its working session (which holds
   * the advisory lock), before the first is applied: the hooks' turn when {@code withHooks} (it
   * stops this run with {@link HooksFirst} when some want to run), then the drift check's replay
   * (started on its own thread), then the guarded preflight.
   */
  private MigrationRunner.Preflight beforeFirstMigration(DeploySettings settings, MigrationsDirectory directory, boolean withHooks,
      AtomicReference<DeployPreflight> preflight, AtomicReference<DriftVerification.Replay> replay) {
    return (work, pending) -> {
      // The preflight (with its lint) comes first, so that a refused deploy takes no backup and starts
      // no replay. When hooks run first, the deploy starts again: the preflight of the first pass is
      // kept (its pending list is the same or, if another deployer applied some meanwhile, a superset).
      if (settings.preflight() && preflight.get() == null) {
        DeployPreflight checked = DeployLint.lint(config, connections, work, pending, preflight(work, pending), settings);
        preflight.set(checked);
        events.accept(new StrataEvent.Preflight(checked));
        if (checked.refuses()) {
          throw new dev.strata.UnsafeDeployException(checked);
        }
      }
      // outside its maintenance window the deploy refuses before the hooks (no backup is taken)
      if (settings.window().isPresent()) {
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(settings.clock());
        if (!settings.window().get().isOpen(now)) {
          throw new dev.strata.OutsideDeployWindowException(settings.window().get(), now);
        }
      }
      if (withHooks) {
        List<DeployHook> wanted = DeployHooks.wanted(config);
        if (!wanted.isEmpty()) {
          throw new HooksFirst(wanted, pending.stream().map(dev.strata.migrate.MigrationFolder::name).toList());
        }
      }
      if (settings.verify() && replay.get() == null) {
        replay.set(new DriftVerification(config, connections).replayInBackground(directory));
      }
    };
  }

  /** Before each migration: has the maintenance window closed since the deploy started? Then the rest wait for the next one. */
  private static MigrationRunner.StartGate windowGate(DeploySettings settings) {
    if (settings.window().isEmpty()) {
      return MigrationRunner.StartGate.OPEN;
    }
    dev.strata.DeployWindow window = settings.window().get();
    return () -> {
      java.time.ZonedDateTime now = java.time.ZonedDateTime.now(settings.clock());
      return window.isOpen(now) ? Optional.empty()
          : Optional.of("the maintenance window (" + window.describe() + ") closed; it opens next on " + window.format(window.nextOpening(now)));
    };
  }

  /** Stops a run at its preflight so that the hooks run without the advisory lock, before the deploy starts again. */
  private static final class HooksFirst extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<DeployHook> hooks;
    private final transient List<String> pending;

    HooksFirst(List<DeployHook> hooks, List<String> pending) {
      super(null, null, false, false);
      this.hooks = hooks;
      this.pending = pending;
    }
  }

  /** The message of {@link dev.strata.Strata#deploy()}'s exception for a migration left unapplied. */
  public static String notAppliedMessage(DeployResult.NotApplied stop) {
    if (stop.reason() == DeployResult.Reason.WINDOW_CLOSED) {
      return "Migration `" + stop.migration() + "` and the ones after it were not started: " + stop.detail()
          + ". Nothing of them is recorded; the next deploy applies them.";
    }
    return "Migration `" + stop.migration() + "` was not applied (a statement waited longer than lock_timeout, on every attempt: "
        + stop.detail() + ")." + blockedBy(stop.blockers()) + " Nothing of it is recorded; the next deploy tries it again.";
  }

  /** The sentence naming the sessions a migration waited for (empty when none was seen). */
  public static String blockedBy(List<BlockingSession> sessions) {
    if (sessions.isEmpty()) {
      return "";
    }
    return " It was blocked by " + String.join("; ", sessions.stream().map(BlockingSession::describe).toList()) + ".";
  }

  /** What {@link #deploy} would do; nothing is changed. */
  public DeployPlan plan(DeploySettings settings) {
    MigrationsDirectory directory = directory();
    events.accept(new StrataEvent.DeployStarted(directory.directory().toString(), database, directory.folders().size(), true));
    dev.strata.migrate.run.DeployPlan plan = runner(directory, settings).plan();
    Optional<DeployPreflight> preflight = Optional.empty();
    if (!plan.pending().isEmpty()) {
      List<dev.strata.migrate.MigrationFolder> pending = plan.pending().stream()
          .map(p -> directory.folder(p.name()).orElseThrow()).toList();
      try (Connection connection = connections.get()) {
        preflight = Optional.of(DeployLint.lint(config, connections, connection, pending, preflight(connection, pending), settings));
      } catch (SQLException e) {
        throw new StrataException(ErrorCode.DATABASE, "Could not close a database connection: "
            + dev.strata.config.DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
      }
    }
    return new DeployPlan(plan.found(), plan.pending().stream().map(p -> new DeployPlan.Pending(p.name(), p.statements())).toList(),
        plan.createsHistoryTable(), plan.outOfOrder(), preflight);
  }

  /** Every migration's state against the history table; nothing is written. */
  public StatusResult status() {
    MigrationsDirectory directory = directory();
    MigrationStatus status = runner(directory, DeploySettings.of(config)).status();
    return new StatusResult(
        status.isUpToDate(),
        status.hasMigrationsTable(),
        names(status, StatusResult.State.APPLIED, StatusResult.State.MODIFIED),
        status.pendingMigrationNames(),
        names(status, StatusResult.State.FAILED),
        names(status, StatusResult.State.MODIFIED),
        names(status, StatusResult.State.MISSING_ON_DISK),
        directory.folders().size(),
        status.entries().stream().map(DeployOperation::entry).toList(),
        history(status.history()),
        status.failedMigrationNames(),
        status.editedMigrationNames(),
        status.edits(),
        status.outOfOrder());
  }

  /** Marks {@code migration} applied or rolled back, under the advisory lock ({@link dev.strata.StrataEvent.WaitingForLock} while it waits). */
  public ResolveResult resolve(String migration, ResolveResult.Resolution resolution, DeploySettings settings) {
    MigrationRunner runner = runner(directory(), settings).withListener(listener(settings, new AtomicBoolean()));
    if (resolution == ResolveResult.Resolution.APPLIED) {
      runner.markApplied(migration);
    } else {
      runner.markRolledBack(migration);
    }
    return new ResolveResult(migration, resolution);
  }

  // ------------------------------------------------------------------------------------------

  /**
   * The migrations folder as read. A project (the CLI's, the studio's) may have none yet, which
   * reads as no migrations, as in Prisma; a folder named to the builder without a project must exist.
   */
  private MigrationsDirectory directory() {
    Path dir = config.migrationsDirectory().orElseThrow(() -> new StrataException(ErrorCode.CONFIG,
        "No migrations folder is configured: call migrations(Path) or schema(Path) on the builder."));
    if (config.project().isEmpty() && !Files.isDirectory(dir)) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "The migrations folder " + dir + " does not exist.");
    }
    return MigrationsDirectory.read(dir);
  }

  /** The guarded deploy's preflight of {@code pending}, read on {@code connection}. */
  private static DeployPreflight preflight(Connection connection, List<dev.strata.migrate.MigrationFolder> pending) {
    try {
      return GuardQueries.preflight(connection, pending);
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "The deploy's preflight could not read the database: "
          + dev.strata.config.DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
    }
  }

  private MigrationRunner runner(MigrationsDirectory directory, DeploySettings settings) {
    DeployOptions options = DeployOptions.defaults().withAdvisoryLockTimeout(settings.advisoryLockTimeout())
        .withLockRetries(settings.lockRetries(), DeploySettings.RETRY_BACKOFF);
    if (settings.statementLockTimeout().isPresent()) {
      options = options.withStatementLockTimeout(settings.statementLockTimeout().get());
    }
    return MigrationRunner.of(connections, config.defaultSchema(), directory).withOptions(options);
  }

  /** The runner's progress, passed on as events. */
  private DeployListener listener(DeploySettings settings, AtomicBoolean createdHistory) {
    return new DeployListener() {
      @Override
      public void waitingForLock() {
        events.accept(new StrataEvent.WaitingForLock(settings.advisoryLockTimeout()));
      }

      @Override
      public void createdHistoryTable() {
        createdHistory.set(true);
        events.accept(new StrataEvent.CreatedHistoryTable());
      }

      @Override
      public void outOfOrder(List<OutOfOrderMigration> migrations) {
        events.accept(new StrataEvent.OutOfOrder(migrations));
      }

      @Override
      public void applying(String name) {
        events.accept(new StrataEvent.Applying(name));
      }

      @Override
      public void applied(MigrationOutcome outcome) {
        events.accept(new StrataEvent.Applied(outcome.name(), outcome.statements(), outcome.elapsed(), outcome.attempts()));
        if (!outcome.notes().isEmpty()) {
          events.accept(new StrataEvent.AppliedNotes(outcome.name(), outcome.notes()));
        }
      }

      @Override
      public void blocked(String name, int attempt, List<BlockingSession> sessions) {
        events.accept(new StrataEvent.BlockedBy(name, attempt, sessions));
      }

      @Override
      public void retrying(String name, int failedAttempt, int maxAttempts, Duration delay, String error) {
        events.accept(new StrataEvent.Retrying(name, failedAttempt, maxAttempts, delay, error));
      }
    };
  }

  private static DeployResult map(dev.strata.migrate.run.DeployResult result, boolean createdHistory, List<String> recoveryCommands,
      Optional<DeployPreflight> preflight, Optional<DriftCheck> drift) {
    return new DeployResult(
        result.found(),
        result.applied().stream().map(MigrationOutcome::name).toList(),
        result.createdHistoryTable() || createdHistory,
        result.elapsed(),
        result.applied().stream()
            .map(o -> new DeployResult.Outcome(o.name(), o.statements(), o.elapsed(), o.attempts(), o.notes())).toList(),
        result.failure().map(DeployOperation::failure),
        result.notApplied().map(n -> new DeployResult.NotApplied(n.migration(),
            DeployResult.Reason.valueOf(n.reason().name()),
            n.attempts(), n.detail(), n.blockers())),
        result.interrupted(),
        result.outOfOrder(),
        recoveryCommands,
        preflight,
        drift);
  }

  private static DeployResult.Failure failure(MigrationFailure f) {
    return new DeployResult.Failure(f.migrationName(), f.file(), f.line(), f.statement().startLine(), f.sqlState(), f.databaseMessage(),
        f.committedStatements().stream().map(s -> new DeployResult.Statement(s.startLine(), s.firstLine())).toList(),
        f.message(), f.details("P3018"));
  }

  private static StatusResult.Entry entry(MigrationStatus.Entry e) {
    return new StatusResult.Entry(e.number(), e.name(), e.timestamp(), e.state(),
        e.record().map(MigrationRecord::startedAt), e.appliedAt(), e.duration(),
        e.record().flatMap(MigrationRecord::logs));
  }

  private static StatusResult.History history(HistoryDiagnostic diagnostic) {
    if (diagnostic instanceof HistoryDiagnostic.DatabaseIsBehind b) {
      return new StatusResult.History(StatusResult.History.Kind.DATABASE_IS_BEHIND, Optional.empty(), b.unappliedMigrationNames(), List.of());
    }
    if (diagnostic instanceof HistoryDiagnostic.MigrationsDirectoryIsBehind b) {
      return new StatusResult.History(StatusResult.History.Kind.MIGRATIONS_DIRECTORY_IS_BEHIND, Optional.empty(), List.of(),
          b.unpersistedMigrationNames());
    }
    if (diagnostic instanceof HistoryDiagnostic.HistoriesDiverge d) {
      return new StatusResult.History(StatusResult.History.Kind.HISTORIES_DIVERGE, d.lastCommonMigrationName(),
          d.unappliedMigrationNames(), d.unpersistedMigrationNames());
    }
    return new StatusResult.History(StatusResult.History.Kind.IN_SYNC, Optional.empty(), List.of(), List.of());
  }

  private static List<String> names(MigrationStatus status, StatusResult.State... states) {
    List<StatusResult.State> wanted = List.of(states);
    return status.entries().stream().filter(e -> wanted.contains(e.state())).map(MigrationStatus.Entry::name).toList();
  }
}
