package dev.strata;

import dev.strata.operation.DeployHooks;
import dev.strata.config.SchemaLocator;
import dev.strata.config.SchemaSources;
import dev.strata.diag.Diagnostic;
import dev.strata.operation.DeployOperation;
import dev.strata.postgres.exec.PgConnections;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

  /**
   * Starts a project in {@code dir} as {@code strata init} ({@code prisma init}): {@code
   * prisma/schema.prisma}, {@code prisma.config.ts} (unless one exists), {@code DATABASE_URL} in
   * {@code .env} (unless set) and {@code .gitignore} entries, each written atomically. Needs no
   * database.
   *
   * @param url the {@code DATABASE_URL} to write, or null for an example to edit
   * @throws StrataException ({@code INVALID_INPUT}) when the folder already has a schema, ({@code
   *     CONFIG}) for a malformed URL
   */
  public static InitResult init(Path dir, String url) {
    return dev.strata.operation.InitOperation.run(dir, url);
  }

  /** The settings this instance uses. */
  public StrataConfig config() {
    return config;
  }

  /**
   * Validates the schema as {@code strata validate} (Prisma's rules): every problem, with its
   * source for rendering with carets. Needs no database.
   *
   * @throws StrataException when no schema is configured or it cannot be read
   */
  public ValidateResult validate() {
    return dev.strata.operation.ValidateOperation.run(config);
  }

  /**
   * Formats the schema as {@code prisma format} does and writes each file it changes (atomically).
   * A schema still invalid once formatted is not written: the result's {@code errors} say why.
   * Needs no database.
   *
   * @throws StrataException when no schema is configured, it cannot be read, or a file cannot be written
   */
  public FormatResult format() {
    return dev.strata.operation.FormatOperation.run(config, true);
  }

  /** As {@link #format()} without writing anything ({@code strata format --check}). */
  public FormatResult checkFormat() {
    return dev.strata.operation.FormatOperation.run(config, false);
  }

  /**
   * The project's resolved configuration ({@code strata config}), each part with where it came
   * from, passwords masked; what is wrong is listed in the result. Needs no database.
   *
   * @throws StrataException ({@code CONFIG}) when this Strata was configured without a project
   */
  public ConfigResult configuration() {
    return dev.strata.operation.ConfigOperation.run(config);
  }

  /**
   * What the database lacks compared with the schema: the SQL that {@link #pushSchema()} would run
   * (and {@code migrate diff --from-config-datasource --to-schema} prints), with a summary and the
   * data-loss warnings judged on the rows present. Nothing is written.
   */
  public DiffResult diff() {
    DatabaseSchema target = target();
    try (Connection connection = connection()) {
      return dev.strata.operation.DiffOperation.databaseToSchema(connection, target);
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
   * cannot run on the rows present are still refused). Both phases in one call: {@link
   * #previewPush(boolean)}, then {@link #push(PushPreview, Consent)}.
   */
  public PushResult pushSchema(boolean acceptDataLoss) {
    PushPreview preview = previewPush(false);
    if (preview.inSync()) {
      return new PushResult(false, 0, List.of(), Duration.ZERO);
    }
    return push(preview, acceptDataLoss ? Consent.dataLoss() : Consent.NONE);
  }

  /**
   * What {@code db push} would do, changing nothing (a database of the URL that does not exist is
   * created: {@link StrataEvent.DatabaseCreated}): the statements and the data-loss warnings, or,
   * with {@code reset} ({@code --force-reset}), the tables and row counts the reset drops.
   *
   * @throws InvalidSchemaException when the schema has errors (with its diagnostics)
   */
  public PushPreview previewPush(boolean reset) {
    return new dev.strata.operation.PushOperation(config).preview(reset);
  }

  /**
   * Runs a previewed {@code db push}: refuses, changing nothing, without the consent the preview
   * calls for ({@link Consent#dropData()} for a reset that drops tables, {@link
   * Consent#acceptDataLoss()} for warnings), for steps that cannot run on the rows present, and
   * when the database or the schema changed since {@code preview} was made.
   */
  public PushResult push(PushPreview preview, Consent consent) {
    return new dev.strata.operation.PushOperation(config).push(Objects.requireNonNull(preview, "preview"),
        Objects.requireNonNull(consent, "consent"));
  }

  /**
   * Runs a SQL script file against the database ({@code db execute --file}), in one transaction
   * as a migration runs (statements PostgreSQL refuses in one run on their own); no history is
   * written. The file must be UTF-8.
   *
   * @param name how reports name the script (the path as the user typed it)
   * @throws StrataException ({@code DATABASE}) naming the line and statement that failed
   */
  public ExecuteResult execute(Path file, String name) {
    return new dev.strata.operation.ExecuteOperation(config).executeFile(file, name);
  }

  /** As {@link #execute(Path, String)}, for a script's text; {@code source} names it in reports. */
  public ExecuteResult execute(String source, String script) {
    return new dev.strata.operation.ExecuteOperation(config).execute(source, Path.of(source), script);
  }

  /**
   * Introspects the database into the Prisma schema ({@code db pull}), keeping the names, {@code
   * @map}s and relation names of the current schema unless {@code force}; writes the files when
   * {@code write}. A schema the database already matches is left byte for byte as it is ({@link
   * PullResult#unchanged()}).
   *
   * @throws InvalidSchemaException when the current schema has syntax errors (nothing is written)
   * @throws StrataException ({@code INVALID_INPUT}) when the database is empty
   */
  public PullResult pull(boolean force, boolean write) {
    return new dev.strata.operation.PullOperation(config).pull(force, write);
  }

  /**
   * The project's seed command ({@code db seed}): {@code migrations.seed} of {@code
   * prisma.config.ts}, else {@code "prisma": {"seed"}} of {@code package.json}; empty when there is
   * none (a {@code seed.sql} is run with {@link #execute(Path, String)}).
   */
  public Optional<String> seedCommand() {
    return new dev.strata.operation.SeedOperation(config).command();
  }

  /**
   * Runs a seed command line ({@code sh -c}) in the project folder, its output passed on as it
   * comes, and returns its exit status (a failing seed is a result, not an exception).
   *
   * @param environment the variables the process gets
   * @param databaseUrl set as {@code DATABASE_URL} when present
   * @param inheritInput whether the process reads this process's standard input (else nothing)
   */
  public SeedResult seed(String commandLine, Map<String, String> environment, Optional<String> databaseUrl, boolean inheritInput,
      Writer out, Writer err) {
    return new dev.strata.operation.SeedOperation(config).run(commandLine, environment, databaseUrl, inheritInput, out, err);
  }

  /**
   * Applies the pending migrations ({@code prisma migrate deploy}), under Prisma's advisory lock
   * and writing Prisma's {@code _prisma_migrations} rows, with the configured lock timeouts.
   *
   * @throws StrataException when a migration fails (recorded as failed, as Prisma does; the message
   *     names the migration, line and database error), or deploy refuses (P3005, P3009, P1002)
   */
  public DeployResult deploy() {
    return deployOrThrow(DeploySettings.of(config));
  }

  /**
   * As {@link #deploy(DeploySettings)}, but a migration that failed or was left unapplied (a lock
   * timeout, a maintenance window that closed) is thrown, as {@link #deploy()} does.
   *
   * @throws StrataException as {@link #deploy()}, and as {@link #deploy(DeploySettings)}
   */
  public DeployResult deployOrThrow(DeploySettings settings) {
    DeployResult result = deploy(settings);
    if (result.failure().isPresent()) {
      throw new StrataException(ErrorCode.DATABASE, DeployHooks.withRecovery(result.failure().get().message(), result.recoveryCommands()));
    }
    if (result.notApplied().isPresent()) {
      throw new StrataException(ErrorCode.DATABASE, DeployOperation.notAppliedMessage(result.notApplied().get()));
    }
    return result;
  }

  /**
   * As {@link #deploy()} with these timeouts, retries and cancellation, but a migration that failed
   * (then recorded as failed), one left unapplied after lock timeouts, and an interruption are
   * reported in the result ({@link DeployResult#succeeded()}) rather than thrown.
   *
   * @throws StrataException when deploy refuses (P3005, P3009, P1002) or the database is unreachable
   * @throws UnsafeDeployException when a guarded deploy's preflight finds error-level lint findings
   *     and {@link DeploySettings#allowUnsafe()} is not set; nothing was applied
   */
  public DeployResult deploy(DeploySettings settings) {
    return operation().deploy(settings);
  }

  /** What {@link #deploy()} would apply ({@code migrate deploy --dry-run}); nothing is changed. */
  public DeployPlan deployPlan() {
    return operation().plan(DeploySettings.of(config));
  }

  /**
   * As {@link #deployPlan()}; its preflight says whether the guarded deploy with {@code settings}
   * would refuse error-level lint findings ({@link DeployPreflight#refuses()}).
   */
  public DeployPlan deployPlan(DeploySettings settings) {
    return operation().plan(settings);
  }

  /**
   * The migrations folder's migrations, in the order deploy applies them, each with the text of its
   * {@code migration.sql} and {@code down.sql} (the studio's migrations page). Reads files only;
   * empty without a migrations folder.
   */
  public java.util.List<MigrationFile> migrations() {
    return dev.strata.operation.MigrationFilesOperation.list(config);
  }

  /** The state of the migrations ({@code prisma migrate status}); nothing is written. */
  public StatusResult status() {
    return operation().status();
  }

  /**
   * Records {@code migration} as applied without running it, or a failed one as rolled back
   * ({@code prisma migrate resolve}), under the advisory lock (waiting at most the configured
   * {@code advisoryLockTimeout}).
   *
   * @throws StrataException with Prisma's errors when the history does not allow it
   */
  public ResolveResult resolve(String migration, ResolveResult.Resolution resolution) {
    return resolve(migration, resolution, DeploySettings.of(config));
  }

  /** As {@link #resolve(String, ResolveResult.Resolution)}, waiting for the lock as {@code settings} say. */
  public ResolveResult resolve(String migration, ResolveResult.Resolution resolution, DeploySettings settings) {
    Objects.requireNonNull(migration, "migration");
    Objects.requireNonNull(resolution, "resolution");
    return operation().resolve(migration, resolution, settings);
  }

  private DeployOperation operation() {
    return new DeployOperation(config, this::emit, this::connection, database());
  }

  /**
   * The difference between any two sources ({@code migrate diff}): the script that turns {@code from}
   * into {@code to}, a summary, and the plan's warnings. A migrations side is replayed into a shadow
   * database ({@link StrataConfig#shadowDatabases()}, else the shadow database URL). Nothing is written.
   *
   * @throws InvalidSchemaException when a Prisma schema side has errors (with its diagnostics)
   */
  public DiffResult diff(SchemaSource from, SchemaSource to) {
    return new dev.strata.operation.DiffOperation(config).diff(from, to);
  }

  /**
   * Prisma's development workflow ({@code migrate dev}): replays the history into a shadow database,
   * checks for drift, applies pending migrations, then writes (and unless {@code createOnly}
   * applies) the next migration with a verified {@code down.sql}. Questions (the name, renames, a
   * reset of a drifted database, data loss) go to {@code console}; a non-interactive console
   * answers no, and the result is then {@link DevResult.Outcome#REFUSED} with nothing changed.
   *
   * @throws InvalidSchemaException ({@code INVALID_INPUT}) when the schema has errors; nothing is changed
   */
  public DevResult migrateDev(DevRequest request, DevConsole console) {
    return migrateDev(request, console, SeedOptions.none());
  }

  /**
   * As {@link #migrateDev(DevRequest, DevConsole)}, seeding the database after a reset as {@code
   * migrate dev} does (the result's {@code seed}; {@link StrataEvent.Seeding} before it runs).
   *
   * @throws StrataException when the seed fails (the reset and migrations were done)
   */
  public DevResult migrateDev(DevRequest request, DevConsole console, SeedOptions seed) {
    return new dev.strata.operation.DevOperation(config).run(request, console, seed);
  }

  /**
   * What {@link #reset(ResetPreview, Consent)} would drop ({@code migrate reset}): the project's
   * schemas, every table in them with its row count, and the migrations applied again. Changes nothing.
   *
   * @throws StrataException ({@code INVALID_INPUT}) when a migration file could not be applied again (not UTF-8)
   */
  public ResetPreview previewReset() {
    return new dev.strata.operation.ResetOperation(config).preview();
  }

  /**
   * Drops the schemas and the migration history the preview lists, then applies every migration
   * again ({@code migrate reset}). Progress: {@link StrataEvent.DatabaseWasReset}, then {@link
   * StrataEvent.Applying} per migration.
   *
   * @throws StrataException ({@code INVALID_INPUT}, nothing dropped) without {@link Consent#dropData()},
   *     or when the database or the migrations changed since the preview
   */
  public ResetResult reset(ResetPreview preview, Consent consent) {
    return reset(preview, consent, SeedOptions.none());
  }

  /**
   * As {@link #reset(ResetPreview, Consent)}, then seeds the database as {@code migrate reset} does
   * unless {@code seed} skips it: the seed command (its output to {@code seed}'s writers), else
   * {@code seed.sql}; the result's {@code seed} says which ran ({@link StrataEvent.Seeding} before).
   *
   * @throws StrataException when the seed fails (the reset and migrations were done)
   */
  public ResetResult reset(ResetPreview preview, Consent consent, SeedOptions seed) {
    return reset(preview, consent, seed, new Cancellation());
  }

  /**
   * As {@link #reset(ResetPreview, Consent, SeedOptions)}, stopped by {@code cancellation} while it
   * applies the migrations again (the running statement is cancelled on the server).
   *
   * @throws StrataException ({@code INTERRUPTED}) when cancelled, saying what it applied
   */
  public ResetResult reset(ResetPreview preview, Consent consent, SeedOptions seed, Cancellation cancellation) {
    return new dev.strata.operation.ResetOperation(config).reset(preview, consent, seed, cancellation);
  }

  /**
   * What {@link #down(DownPreview, Consent)} would run ({@code migrate down}): the down.sql of the
   * migrations of {@code target}, newest first, the tables and columns they drop, or why they
   * cannot run. Changes nothing.
   *
   * @throws StrataException ({@code USAGE}) when {@code target} names no applied migration or fewer than one step
   */
  public DownPreview previewDown(DownTarget target) {
    return new dev.strata.operation.DownOperation(config).preview(target);
  }

  /**
   * Runs the preview's down migrations, newest first, and marks each rolled back in {@code
   * _prisma_migrations} (so that deploy or dev apply it again). Progress: {@link StrataEvent.RolledBack}.
   *
   * @throws StrataException ({@code INVALID_INPUT}, nothing changed) when the preview refuses, when it
   *     drops data without {@link Consent#acceptDataLoss()}, or when the history or the files changed since
   */
  public DownResult down(DownPreview preview, Consent consent) {
    return new dev.strata.operation.DownOperation(config).down(preview, consent);
  }

  /**
   * Reading and editing the rows of the schema's models ({@code strata studio}'s data pages):
   * models with their tables, pages with filters, sort and keyset cursors, and inserts, updates
   * and deletes that each run in a transaction and return their SQL. The schema is read once, here.
   *
   * @throws StrataException when no schema is configured or it is invalid
   */
  public DataBrowser data() {
    return dev.strata.operation.DataOperation.open(config, this::connection);
  }

  /**
   * The schema's documentation ({@code strata docs}, {@code strata erd}, the studio's schema page):
   * models, fields, relations in words, indexes, enums, the migrations summarised, and the ER
   * diagram as Mermaid and DOT. Needs no database.
   *
   * @throws StrataException when no schema is configured or it is invalid
   */
  public SchemaDocs schemaDocs() {
    return dev.strata.operation.DocsOperation.docs(config);
  }

  /** As {@link #schemaDocs()}, with each table's rows and size on disk read from the database. */
  public SchemaDocs schemaDocsWithSizes() {
    return dev.strata.operation.DocsOperation.docs(config, java.util.Optional.of(this::connection));
  }

  /** Writes the documentation page into the folder {@code out} ({@code README.md} or {@code index.html}) when it changed. */
  public DocsResult writeDocs(Path out, SchemaDocs.Format format) {
    return dev.strata.operation.DocsOperation.write(config, out, format, true, java.util.Optional.empty());
  }

  /** Whether the page in {@code out} is up to date ({@code strata docs --check}); nothing is written. */
  public DocsResult checkDocs(Path out, SchemaDocs.Format format) {
    return dev.strata.operation.DocsOperation.write(config, out, format, false, java.util.Optional.empty());
  }

  /**
   * As {@link #writeDocs} or (without {@code write}) {@link #checkDocs}, the page with each table's
   * rows and size from the database ({@code strata docs --url …}).
   */
  public DocsResult docsWithSizes(Path out, SchemaDocs.Format format, boolean write) {
    return dev.strata.operation.DocsOperation.write(config, out, format, write, java.util.Optional.of(this::connection));
  }

  /**
   * Lints migrations ({@code strata migrate lint}): every statement parsed by PostgreSQL's own
   * parser and checked by the rules of {@code docs/lint.md}. Reads the database only (what is
   * pending, table sizes), never changes it.
   */
  public LintResult lint(LintRequest request) {
    boolean hasDatabase = config.dataSource().isPresent() || config.url().isPresent();
    return new dev.strata.operation.LintOperation(config, hasDatabase ? java.util.Optional.<java.util.function.Supplier<Connection>>of(this::connection) : java.util.Optional.empty())
        .run(request);
  }

  // ------------------------------------------------------------------------------------------

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

  private SchemaSources readSchema() {
    // A resolved project reads its schema as the CLI does (the default locations, a folder), unless another schema was set.
    if (config.project().isPresent()
        && (config.schema().isEmpty() || config.schema().equals(config.project().get().schema().map(l -> l.path())))) {
      return config.project().get().readSchema();
    }
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
