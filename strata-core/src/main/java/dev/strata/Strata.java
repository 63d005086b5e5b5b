package dev.strata;

import dev.strata.config.SchemaLocator;
import dev.strata.config.SchemaSources;
import dev.strata.diag.Diagnostic;
import dev.strata.migrate.MigrationRunner;
import dev.strata.migrate.MigrationsDirectory;
import dev.strata.migrate.history.MigrationStatus;
import dev.strata.migrate.push.SchemaPush;
import dev.strata.migrate.run.DeployListener;
import dev.strata.migrate.run.DeployOptions;
import dev.strata.migrate.run.MigrationOutcome;
import dev.strata.postgres.exec.PgConnections;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Strata's Java API: one immutable object per database and project, with one method per command,
 * each returning a result record.
 *
 * <pre>{@code
 * Strata strata = Strata.configure()
 *     .dataSource(dataSource)                    // or .url("postgresql://app@localhost:5432/shop")
 *     .schema(Path.of("prisma/schema.prisma"))
 *     .lockTimeout(Duration.ofSeconds(5))
 *     .listener(StrataListener.logTo(System.getLogger("migrations")))   // progress: applied, lock waits, retries
 *     .load();                                  // throws StrataException if no database, or no schema/migrations
 * DeployResult deployed = strata.deploy();      // prisma migrate deploy
 * StatusResult status = strata.status();        // prisma migrate status
 * }</pre>
 *
 * <p>Operational failures (database unreachable, a migration failing, data loss refused) throw
 * {@link StrataException}; problems in the schema are returned as diagnostics by {@link
 * #validate()} and make the other schema methods throw with the first errors. Safe to share
 * between threads: it holds no connection, and takes one per call from the data source or URL.
 */
public final class Strata {
  private final StrataConfig config;

  Strata(StrataConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** Starts a configuration; finish it with {@link StrataConfig.Builder#load()}. */
  public static StrataConfig.Builder configure() {
    return new StrataConfig.Builder();
  }

  /**
   * A Strata on settings already built ({@link StrataConfig.Builder#build()}), without the checks
   * of {@link StrataConfig.Builder#load()}: each operation checks what it needs (a database, a
   * schema, a migrations folder) and throws {@link StrataException} ({@code CONFIG}) naming what
   * is missing. Front ends use it for commands that need no database ({@code validate}, {@code
   * format}).
   */
  public static Strata of(StrataConfig config) {
    return new Strata(config);
  }

  /**
   * Starts opening {@code count} connections to the configured URL on a background thread, so
   * that connecting overlaps the caller's other start-up work (a cold CLI: reading the
   * configuration and the migrations folder). The operations take these connections first; the
   * result and errors are the same as without it. Does nothing for a data source or without a URL.
   */
  public Strata openConnectionsAhead(int count) {
    if (config.dataSource().isEmpty() && config.url().isPresent()) {
      ColdStart.openConnectionsAhead(config.url().get(), count);
    }
    return this;
  }

  /** The settings this instance uses. */
  public StrataConfig config() {
    return config;
  }

  /**
   * Validates the schema as {@code strata validate} (Prisma's rules).
   *
   * @throws StrataException when no schema is configured or it cannot be read
   */
  public ValidateResult validate() {
    SchemaSources sources = readSchema();
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(sources.sources());
    return new ValidateResult(sources.location().path().toString(), checked.diagnostics());
  }

  /**
   * What the database lacks compared with the schema: the SQL that {@link #pushSchema()} would run
   * (and {@code migrate diff --from-config-datasource --to-schema} prints), with a summary and the
   * data-loss warnings judged on the rows present. Nothing is written.
   */
  public DiffResult diff() {
    DatabaseSchema target = target();
    try (Connection connection = connection()) {
      SchemaPush.Preview preview = SchemaPush.preview(connection, target);
      return new DiffResult(preview.inSync(), preview.comparison().script(), preview.comparison().summary(),
          preview.dataLoss().warnings(), preview.dataLoss().unexecutable());
    } catch (SQLException e) {
      throw closing(e);
    }
  }

  /**
   * Makes the database match the schema without migrations ({@code db push}), refusing any change
   * that would lose data.
   *
   * @throws StrataException ({@code INVALID_INPUT}) listing the warnings when data would be lost or
   *     a step cannot run on the rows present; nothing is changed then
   */
  public PushResult pushSchema() {
    return pushSchema(false);
  }

  /**
   * As {@link #pushSchema()}; with {@code acceptDataLoss} the warnings are accepted (steps that
   * cannot run on the rows present are still refused).
   */
  public PushResult pushSchema(boolean acceptDataLoss) {
    long started = System.nanoTime();
    DatabaseSchema target = target();
    try (Connection connection = connection()) {
      SchemaPush.Preview preview = SchemaPush.preview(connection, target);
      if (preview.inSync()) {
        return new PushResult(false, 0, List.of(), elapsed(started));
      }
      List<String> unexecutable = preview.dataLoss().unexecutable();
      if (!unexecutable.isEmpty()) {
        throw new StrataException(ErrorCode.INVALID_INPUT,
            "The push cannot be executed on the rows in the database; nothing was changed:\n  • " + String.join("\n  • ", unexecutable));
      }
      List<String> warnings = preview.dataLoss().warnings();
      if (!warnings.isEmpty() && !acceptDataLoss) {
        throw new StrataException(ErrorCode.INVALID_INPUT,
            "The push would lose data; nothing was changed (pushSchema(true) accepts it):\n  • " + String.join("\n  • ", warnings));
      }
      int statements = SchemaPush.apply(connection, preview.comparison()).statements();
      return new PushResult(true, statements, warnings, elapsed(started));
    } catch (SQLException e) {
      throw closing(e);
    }
  }

  /**
   * Applies the pending migrations ({@code prisma migrate deploy}), under Prisma's advisory lock
   * and writing Prisma's {@code _prisma_migrations} rows.
   *
   * @throws StrataException when a migration fails (recorded as failed, as Prisma does; the message
   *     names the migration, line and database error), or deploy refuses (P3005, P3009, P1002)
   */
  public DeployResult deploy() {
    MigrationRunner runner = runner().withListener(deployListener());
    emit(new StrataEvent.DeployStarted(config.migrationsDirectory().map(Path::toString).orElse(""), database()));
    dev.strata.migrate.run.DeployResult result;
    try {
      result = runner.deploy();
    } catch (StrataException e) {
      emit(new StrataEvent.DeployFailed(e.getMessage()));
      throw e;
    }
    if (result.failure().isPresent()) {
      String message = result.failure().get().message();
      emit(new StrataEvent.DeployFailed(message));
      throw new StrataException(ErrorCode.DATABASE, message);
    }
    if (result.notApplied().isPresent()) {
      String message = "Migration `" + result.notApplied().get().migration()
          + "` was not applied (a statement waited longer than lock_timeout, on every attempt: " + result.notApplied().get().detail()
          + "). Nothing of it is recorded; the next deploy tries it again.";
      emit(new StrataEvent.DeployFailed(message));
      throw new StrataException(ErrorCode.DATABASE, message);
    }
    List<String> applied = result.applied().stream().map(m -> m.name()).toList();
    emit(new StrataEvent.DeployFinished(result.found(), applied, result.elapsed()));
    return new DeployResult(result.found(), applied, result.createdHistoryTable(), result.elapsed());
  }

  /** The state of the migrations ({@code prisma migrate status}); nothing is written. */
  public StatusResult status() {
    MigrationStatus status = runner().status();
    return new StatusResult(
        status.isUpToDate(),
        status.hasMigrationsTable(),
        names(status, MigrationStatus.State.APPLIED, MigrationStatus.State.MODIFIED),
        status.pendingMigrationNames(),
        names(status, MigrationStatus.State.FAILED),
        names(status, MigrationStatus.State.MODIFIED),
        names(status, MigrationStatus.State.MISSING_ON_DISK));
  }

  /**
   * Lints migrations ({@code strata migrate lint}): every statement parsed by PostgreSQL's own
   * parser and checked by the rules of {@code docs/lint.md}. Reads the database only (what is
   * pending, table sizes), never changes it.
   */
  public LintResult lint(LintRequest request) {
    boolean hasDatabase = config.dataSource().isPresent() || config.url().isPresent();
    return new dev.strata.operation.LintOperation(config, hasDatabase ? java.util.Optional.of(connections()) : java.util.Optional.empty())
        .run(request);
  }

  // ------------------------------------------------------------------------------------------

  /** The runner's progress, passed on to the configured {@link StrataListener} as events. */
  private DeployListener deployListener() {
    return new DeployListener() {
      @Override
      public void waitingForLock() {
        emit(new StrataEvent.WaitingForLock(config.advisoryLockTimeout()));
      }

      @Override
      public void createdHistoryTable() {
        emit(new StrataEvent.CreatedHistoryTable());
      }

      @Override
      public void applying(String name) {
        emit(new StrataEvent.Applying(name));
      }

      @Override
      public void applied(MigrationOutcome outcome) {
        emit(new StrataEvent.Applied(outcome.name(), outcome.statements(), outcome.elapsed(), outcome.attempts()));
      }

      @Override
      public void retrying(String name, int failedAttempt, int maxAttempts, Duration delay, String error) {
        emit(new StrataEvent.Retrying(name, failedAttempt, maxAttempts, delay, error));
      }
    };
  }

  /** Hands an event to the listener; a listener's exception never interrupts the command. */
  private void emit(StrataEvent event) {
    try {
      config.listener().on(event);
    } catch (RuntimeException e) {
      // Reporting must not change what the command does (a broken logger cannot stop a deploy).
    }
  }

  /** The database as an event names it: the masked URL, or the data source's class. */
  private String database() {
    return config.dataSource().map(d -> "the data source " + d.getClass().getSimpleName())
        .or(() -> config.url().map(u -> u.masked()))
        .orElse("(no database)");
  }

  private static List<String> names(MigrationStatus status, MigrationStatus.State... states) {
    List<MigrationStatus.State> wanted = List.of(states);
    return status.entries().stream().filter(e -> wanted.contains(e.state())).map(MigrationStatus.Entry::name).toList();
  }

  private MigrationRunner runner() {
    Path dir = config.migrationsDirectory().orElseThrow(() -> new StrataException(ErrorCode.CONFIG,
        "No migrations folder is configured: call migrations(Path) or schema(Path) on the builder."));
    if (!Files.isDirectory(dir)) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "The migrations folder " + dir + " does not exist.");
    }
    DeployOptions options = DeployOptions.defaults().withAdvisoryLockTimeout(config.advisoryLockTimeout());
    if (config.lockTimeout().isPresent()) {
      options = options.withStatementLockTimeout(config.lockTimeout().get());
    }
    return MigrationRunner.of(connections(), config.defaultSchema(), MigrationsDirectory.read(dir)).withOptions(options);
  }

  private SchemaSources readSchema() {
    Path schema = config.schema().orElseThrow(() -> new StrataException(ErrorCode.CONFIG,
        "No Prisma schema is configured: call schema(Path) or project(Path) on the builder."));
    Path cwd = Path.of("").toAbsolutePath();
    return SchemaLocator.read(cwd, SchemaLocator.explicit(cwd, schema.toAbsolutePath().toString()));
  }

  private DatabaseSchema target() {
    SchemaSources sources = readSchema();
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(sources.sources());
    if (checked.hasErrors()) {
      List<String> first = checked.diagnostics().stream().filter(Diagnostic::isError).limit(5).map(Diagnostic::message).toList();
      throw new StrataException(ErrorCode.INVALID_INPUT, "The schema at " + sources.location().path() + " is invalid ("
          + dev.strata.diag.Plural.of(checked.errorCount(), "error") + "):\n  " + String.join("\n  ", first));
    }
    return PrismaLowering.lower(checked.schema(), config.defaultSchema());
  }

  private Supplier<Connection> connections() {
    return this::connection;
  }

  private Connection connection() {
    if (config.dataSource().isPresent()) {
      try {
        return config.dataSource().get().getConnection();
      } catch (SQLException e) {
        throw new StrataException(ErrorCode.DATABASE, "Could not get a connection from the data source: " + e.getMessage(), e);
      }
    }
    return PgConnections.open(config.url().orElseThrow(() -> new StrataException(ErrorCode.CONFIG,
        "No database is configured: call dataSource(…) or url(\"postgresql://…\") on the builder.")));
  }

  private static StrataException closing(SQLException e) {
    return new StrataException(ErrorCode.DATABASE, "Closing the database connection failed: " + e.getMessage(), e);
  }

  private static Duration elapsed(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
