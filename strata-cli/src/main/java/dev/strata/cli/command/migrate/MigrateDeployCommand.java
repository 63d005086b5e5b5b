package dev.strata.cli.command.migrate;

import dev.strata.BlockingSession;
import dev.strata.Cancellation;
import dev.strata.DeployPlan;
import dev.strata.DeployPreflight;
import dev.strata.DriftCheck;
import dev.strata.DeployResult;
import dev.strata.DeploySettings;
import dev.strata.ErrorCode;
import dev.strata.LintFinding;
import dev.strata.OutOfOrderMigration;
import dev.strata.Strata;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.StrataListener;
import dev.strata.UnsafeDeployException;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.SignalGuard;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.BackupProgressView;
import dev.strata.cli.output.Terminal;
import dev.strata.diag.Plural;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strata migrate deploy}: applies the pending migrations of the migrations directory, as
 * Prisma's {@code migrate deploy} does, with the same history rows, lock, refusals and output.
 */
@Command(
    name = "deploy",
    header = "Apply pending migrations (Prisma's migrate deploy).",
    description =
        "Apply pending migrations to the database (Prisma's migrate deploy): each migration in its " +
        "own transaction, recorded in _prisma_migrations. Refuses while a failed migration is " +
        "recorded (resolve it first) and on a non-empty database without migration history (baseline " +
        "it). Guarded: prints a preflight first (pending migrations with their down.sql and lint, database size, connections, " +
        "sessions holding locks the migrations need), refuses error-level lint findings unless --allow-unsafe, " +
        "runs them under lock_timeout 5s with retries (naming the " +
        "blocking sessions when it gives up), and checks afterwards that the database matches the migration history " +
        "(--no-verify skips that). --dry-run lists what would be applied and changes nothing.")
public final class MigrateDeployCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;
  @Mixin MigrationsOption migrationsOption;

  @Option(names = "--dry-run", description = "Show the migrations that would be applied (and their statement counts); change nothing.")
  boolean dryRun;

  @Option(names = "--lock-timeout", paramLabel = "DUR", converter = DurationOption.class, defaultValue = "10s",
      description = "How long to wait for another migration's advisory lock (Prisma: 10s). Default: ${DEFAULT-VALUE}.")
  Duration lockTimeout;

  @Option(names = "--statement-lock-timeout", paramLabel = "DUR", converter = LockTimeoutOption.class,
      description = "Run migrations with SET lock_timeout; a statement that times out is retried with back-off, and the sessions it "
          + "waited for are named. 0 or off: wait as long as it takes (Prisma). Default: 5s.")
  Duration statementLockTimeout;

  @Option(names = "--allow-unsafe", description = "Apply the migrations despite error-level lint findings in the preflight"
      + " (by default the deploy refuses them before applying anything; exit code 3).")
  boolean allowUnsafe;

  @Option(names = "--window", paramLabel = "SPEC", description = "Start applying only inside this maintenance window, e.g. "
      + "\"Sat,Sun 01:00-05:00 Europe/Berlin\" (overrides [deploy] window in strata.toml); outside it the deploy refuses"
      + " before applying anything and says when the window opens (exit code 3).")
  String window;

  @Option(names = "--ignore-window", description = "Deploy now even outside the maintenance window of --window or strata.toml.")
  boolean ignoreWindow;

  @Option(names = "--no-verify", description = "Skip the check, after the last migration, that the database matches the migration history.")
  boolean noVerify;

  @Option(names = "--lock-retries", paramLabel = "N", defaultValue = "3",
      description = "Retries of a migration whose statement hit --statement-lock-timeout (back-off 0.5s, 1s, 2s, …). Default: ${DEFAULT-VALUE}.")
  int lockRetries;

  @Override
  protected int run() {
    Terminal term = terminal();
    // The deploy works (and holds the advisory lock) on one connection.
    MigrateTarget target = MigrateTarget.resolve(context(), schemaOptions, connectionOptions, migrationsOption, 1);
    if (lockRetries < 0) {
      throw new StrataException(ErrorCode.USAGE, "--lock-retries must be 0 or more.");
    }
    boolean json = output.json();
    Strata strata = target.strataWithShadows(json ? StrataListener.NONE : new Progress(term, target, new BackupProgressView(term, context().interactive(), "  ")));
    Cancellation cancellation = new Cancellation();
    DeploySettings settings = DeploySettings.guarded(strata.config()).withAdvisoryLockTimeout(lockTimeout).withLockRetries(lockRetries)
        .withCancellation(cancellation).withVerify(!noVerify).withAllowUnsafe(allowUnsafe);
    if (statementLockTimeout != null) {
      settings = statementLockTimeout.isZero() ? settings.withoutStatementLockTimeout() : settings.withStatementLockTimeout(statementLockTimeout);
    }
    if (window != null && ignoreWindow) {
      throw new StrataException(ErrorCode.USAGE, "--window and --ignore-window contradict each other: give one.");
    }
    if (window != null) {
      settings = settings.withWindow(Optional.of(windowOption(window)));
    } else if (ignoreWindow) {
      settings = settings.withWindow(Optional.empty());
    }
    if (!json) {
      target.warnings().forEach(w -> term.err().println(term.yellow("warning: ") + w));
    }
    if (dryRun) {
      return dryRun(term, target, strata.deployPlan(settings), settings.window(), json);
    }
    try (SignalGuard guard = SignalGuard.install(cancellation::cancel, SIGNAL_WAIT)) {
      DeployResult result;
      try {
        result = strata.deploy(settings);
      } catch (UnsafeDeployException e) {
        if (!json) {
          throw e;
        }
        term.out().println(Json.write(refusedJson(target, e)));
        return ExitCodes.CHECK_FAILED;
      }
      int code = render(term, target, result, json);
      term.out().flush();
      term.err().flush();
      return code;
    }
  }

  /** How long a signal waits for the deploy to stop and report (a cancelled statement stops within moments). */
  private static final Duration SIGNAL_WAIT = Duration.ofSeconds(30);

  private int render(Terminal term, MigrateTarget target, DeployResult result, boolean json) {
    if (json) {
      term.out().println(Json.write(json(target, result)));
      return result.interrupted() ? ExitCodes.INTERRUPTED : result.succeeded() ? ExitCodes.OK
          : windowClosed(result) ? ExitCodes.CHECK_FAILED : ExitCodes.ERROR;
    }
    if (result.interrupted()) {
      term.err().println(interruptedText(result));
      return ExitCodes.INTERRUPTED;
    }
    if (result.failure().isPresent()) {
      throw new StrataException(ErrorCode.DATABASE, failureText(result.failure().get()) + recovery(result), result.failure().get().details());
    }
    if (windowClosed(result)) {
      DeployResult.NotApplied stop = result.notApplied().get();
      throw new StrataException(ErrorCode.CHECK_FAILED, appliedBefore(result) + "Migration `" + stop.migration()
          + "` and the ones after it were not started: " + stop.detail() + ".\n"
          + "Nothing of them is recorded; the next `strata migrate deploy` inside the window applies them.");
    }
    if (result.notApplied().isPresent()) {
      DeployResult.NotApplied stop = result.notApplied().get();
      throw new StrataException(ErrorCode.DATABASE, appliedBefore(result) + "Migration `" + stop.migration()
          + "` was not applied: its statements waited longer than lock_timeout for a lock"
          + (stop.attempts() > 1 ? ", on all " + stop.attempts() + " attempts" : "") + " (" + stop.detail() + ").\n"
          + "Its transaction was rolled back and nothing of it is recorded: it is not a failed migration, and the next "
          + "`strata migrate deploy` tries it again. Find what holds the lock (pg_locks, pg_stat_activity), or raise "
          + "--statement-lock-timeout / --lock-retries." + blockers(stop.blockers()));
    }
    if (result.applied().isEmpty()) {
      term.out().println();
      term.out().println("No pending migrations to apply.");
      return ExitCodes.OK;
    }
    term.out().println();
    term.out().println("The following migration(s) have been applied:");
    term.out().println();
    term.out().println("migrations/");
    for (String name : result.applied()) {
      term.out().println("  └─ " + name + "/");
      term.out().println("    └─ migration.sql");
    }
    term.out().println();
    term.out().println(term.green("All migrations have been successfully applied.") + " "
        + term.dim("(" + result.applied().size() + " in " + MigrateText.duration(result.elapsed()) + ")"));
    result.drift().ifPresent(drift -> printDrift(term, drift));
    return ExitCodes.OK;
  }

  /** The drift check's verdict, after the success line. */
  private static void printDrift(Terminal term, DriftCheck drift) {
    term.out().println();
    switch (drift.outcome()) {
      case MATCHES -> term.out().println(term.green(drift.describe()));
      case SKIPPED -> term.out().println(term.dim(drift.describe()));
      case DIFFERS -> {
        term.err().println(term.yellow("warning: ") + "The database does not match the migration history (drift):");
        drift.summary().lines().forEach(line -> term.err().println("  " + line));
        term.err().println("SQL that would turn the history's schema into the database's:");
        drift.script().lines().forEach(line -> term.err().println("  " + line));
        term.err().flush();
      }
      default -> throw new IllegalStateException(drift.outcome().name());
    }
  }

  /** The blocking sessions as lines for an error (empty when none was seen). */
  private static String blockers(List<BlockingSession> sessions) {
    if (sessions.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("\nIt was blocked by:");
    sessions.forEach(s -> text.append("\n  ").append(s.describe()));
    return text.toString();
  }

  /** The preflight as the deploy (and its dry run) prints it. */
  static void printPreflight(Terminal term, DeployPreflight preflight) {
    // Built whole and written once: the terminal's writer flushes at every line, and a first deploy
    // of a long history has a line per migration.
    java.io.StringWriter text = new java.io.StringWriter();
    java.io.PrintWriter out = new java.io.PrintWriter(text);
    out.println();
    out.println("Preflight:");
    List<DeployPreflight.Migration> pending = preflight.pending();
    List<String> details = pending.stream().map(m -> "down.sql: " + down(m.down())
        + (m.relations().isEmpty() ? "" : "; touches " + String.join(", ", m.relations())) + "; lint: " + lint(preflight, m)).toList();
    int width = pending.stream().mapToInt(m -> m.name().length()).max().orElse(0);
    for (int i = 0; i < pending.size(); ) {
      DeployPreflight.Migration m = pending.get(i);
      // A run of migrations with the same line and no findings (a fresh database's whole history) is one line.
      int end = i + 1;
      while (end < pending.size() && details.get(end).equals(details.get(i)) && noFindings(pending.get(end)) && noFindings(m)) {
        end++;
      }
      if (end - i >= RUN) {
        out.println("  " + m.name() + " … " + pending.get(end - 1).name() + " (" + (end - i) + " migrations)  " + term.dim(details.get(i)));
        i = end;
        continue;
      }
      out.println("  " + m.name() + " ".repeat(width - m.name().length() + 2) + term.dim(details.get(i)));
      m.lint().ifPresent(l -> l.findings().forEach(f -> out.println("    " + label(term, f) + " " + f.location() + " " + f.message())));
      i++;
    }
    out.println("  database size " + size(preflight.databaseBytes()) + ", connections " + preflight.connections() + " of "
        + preflight.maxConnections() + " (" + preflight.reservedConnections() + " reserved, " + preflight.freeConnections() + " free)");
    if (preflight.blockers().isEmpty()) {
      out.println("  no long-running or idle-in-transaction session holds locks on the tables these migrations touch");
    } else {
      out.println(term.yellow("  these sessions hold locks the migrations need and would block them:"));
      preflight.blockers().forEach(b -> out.println("    " + b.describe()));
    }
    int errors = preflight.lintErrors().size();
    if (errors > 0) {
      out.println(preflight.refuses()
          ? term.red("  " + Plural.of(errors, "error-level lint finding") + ": the deploy refuses to apply anything (--allow-unsafe to go ahead)")
          : term.yellow("  " + Plural.of(errors, "error-level lint finding") + ", applied anyway (--allow-unsafe)"));
    }
    out.println();
    out.flush();
    term.out().print(text);
    term.out().flush();
  }

  /** Consecutive pending migrations with the same preflight line and no findings shown as one line from this many on. */
  private static final int RUN = 4;

  private static boolean noFindings(DeployPreflight.Migration m) {
    return m.lint().map(l -> l.findings().isEmpty()).orElse(true);
  }

  /** A migration's lint in the preflight line: its counts, or why it was not linted. */
  private static String lint(DeployPreflight preflight, DeployPreflight.Migration m) {
    if (m.lint().isEmpty()) {
      return "skipped, " + preflight.lintSkipped(m).orElse("");
    }
    DeployPreflight.LintSummary l = m.lint().get();
    if (l.findings().isEmpty()) {
      return "clean" + (l.suppressed() > 0 ? " (" + l.suppressed() + " suppressed)" : "");
    }
    return Plural.of(l.errors(), "error") + ", " + Plural.of(l.warnings(), "warning") + ", " + Plural.of(l.notes(), "note")
        + (l.suppressed() > 0 ? " (" + l.suppressed() + " suppressed)" : "");
  }

  private static String label(Terminal term, LintFinding f) {
    return switch (f.severity()) {
      case ERROR -> term.red("error[" + f.code() + "]");
      case WARNING -> term.yellow("warning[" + f.code() + "]");
      case INFO -> term.bold("note[" + f.code() + "]");
    };
  }

  /** {@code --json} for a deploy refused by its preflight's lint: nothing was applied. */
  private static Map<String, Object> refusedJson(MigrateTarget target, UnsafeDeployException e) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("ok", false);
    doc.put("datasource", MigrateText.datasourceJson(target));
    doc.put("refused", "unsafe");
    doc.put("applied", List.of());
    doc.put("preflight", preflightJson(e.preflight()));
    doc.put("error", Json.object("code", e.code().name(), "message", e.getMessage()));
    return doc;
  }

  private static String down(DeployPreflight.DownScript down) {
    return switch (down) {
      case NONE -> "none";
      case VERIFIED -> "verified";
      case STALE -> "verified for an earlier migration.sql";
      case IRREVERSIBLE -> "irreversible";
      case UNVERIFIED -> "not verified";
    };
  }

  private static String size(long bytes) {
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
  }

  private static Map<String, Object> preflightJson(DeployPreflight preflight) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("pending", preflight.pending().stream().map(m -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("name", m.name());
      one.put("statements", m.statements());
      one.put("down", m.down().name().toLowerCase(Locale.ROOT));
      one.put("relations", m.relations());
      one.put("lint", m.lint().map(l -> {
        Map<String, Object> lint = new LinkedHashMap<>();
        lint.put("errors", l.errors());
        lint.put("warnings", l.warnings());
        lint.put("notes", l.notes());
        lint.put("suppressed", l.suppressed());
        lint.put("findings", l.findings().stream().map(MigrateLintCommand::finding).toList());
        return (Object) lint;
      }).orElse(null));
      one.put("lintSkipped", preflight.lintSkipped(m).orElse(null));
      return one;
    }).toList());
    doc.put("lintErrors", preflight.lintErrors().size());
    doc.put("unsafeAllowed", preflight.unsafeAllowed());
    doc.put("refuses", preflight.refuses());
    doc.put("databaseBytes", preflight.databaseBytes());
    doc.put("connections", preflight.connections());
    doc.put("maxConnections", preflight.maxConnections());
    doc.put("reservedConnections", preflight.reservedConnections());
    doc.put("blockers", blockersJson(preflight.blockers()));
    return doc;
  }

  private static List<Map<String, Object>> blockersJson(List<BlockingSession> sessions) {
    return sessions.stream().map(b -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("pid", b.pid());
      one.put("application", b.applicationName());
      one.put("state", b.state());
      one.put("query", b.query());
      one.put("ageMs", b.age().toMillis());
      one.put("relations", b.relations());
      return one;
    }).toList();
  }

  private static Map<String, Object> driftJson(DriftCheck drift) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("outcome", drift.outcome().name().toLowerCase(Locale.ROOT));
    doc.put("message", drift.describe());
    if (drift.outcome() == DriftCheck.Outcome.DIFFERS) {
      doc.put("summary", drift.summary());
      doc.put("script", drift.script());
    }
    return doc;
  }

  /** {@code --statement-lock-timeout}: a duration, or {@code off} (as {@code 0}: no lock_timeout). */
  static final class LockTimeoutOption implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String text = value.strip().toLowerCase(Locale.ROOT);
      return text.equals("off") || text.equals("none") ? Duration.ZERO : new DurationOption().convert(value);
    }
  }

  /** The migrations this run applied before it stopped, as a sentence (empty when none). */
  /** Whether the deploy stopped, between two migrations, because its maintenance window closed. */
  private static boolean windowClosed(DeployResult result) {
    return result.notApplied().filter(n -> n.reason() == DeployResult.Reason.WINDOW_CLOSED).isPresent();
  }

  private static String appliedBefore(DeployResult result) {
    List<String> applied = result.applied();
    if (applied.isEmpty()) {
      return "";
    }
    return "Applied " + (applied.size() == 1 ? "1 migration" : applied.size() + " migrations") + " before it: "
        + String.join(", ", applied) + ".\n";
  }

  /** What an interrupted deploy left: what it applied, and the state of the migration it was in. */
  static String interruptedText(DeployResult result) {
    StringBuilder text = new StringBuilder("Interrupted: the deploy was cancelled and has stopped.\n");
    List<String> applied = result.applied();
    if (applied.isEmpty()) {
      text.append("No migration was applied by this run.\n");
    } else {
      text.append("Applied and recorded by this run (these stay applied): ").append(String.join(", ", applied)).append(".\n");
    }
    if (result.notApplied().isPresent()) {
      text.append("Migration `").append(result.notApplied().get().migration())
          .append("` was not applied: its running statement was cancelled and its transaction rolled back; nothing of it is recorded.\n");
    } else if (result.failure().isPresent()) {
      DeployResult.Failure failure = result.failure().get();
      text.append("Migration `").append(failure.migration()).append("` was partly applied: statements of it that run outside a "
          + "transaction (or after a COMMIT in the file) had committed before the interruption, so it is recorded as failed.\n")
          .append(failure.message()).append('\n')
          .append("Later deploys refuse (P3009) until it is resolved: complete or undo it by hand, then\n")
          .append("  strata migrate resolve --applied \"").append(failure.migration()).append("\"  or  --rolled-back \"")
          .append(failure.migration()).append("\"\n");
      return text.toString().stripTrailing();
    }
    text.append("The database is consistent with its history: run `strata migrate deploy` again to apply the remaining migrations.");
    return text.toString();
  }

  /** A --window value: a bad one is a usage error (exit code 2), as any malformed option is. */
  private static dev.strata.DeployWindow windowOption(String spec) {
    try {
      return dev.strata.DeployWindow.parse(spec);
    } catch (StrataException e) {
      throw new StrataException(ErrorCode.USAGE, "--window: " + e.getMessage());
    }
  }

  /** Whether the maintenance window is open now, and if not when it opens: for the dry run. */
  private static String windowText(dev.strata.DeployWindow window) {
    java.time.ZonedDateTime now = java.time.ZonedDateTime.now(window.zone());
    return window.isOpen(now) ? "Maintenance window " + window.describe() + ": open now."
        : "Maintenance window " + window.describe() + ": closed; it opens next on "
            + window.format(window.nextOpening(now)) + " (a deploy now is refused without --ignore-window).";
  }

  private int dryRun(Terminal term, MigrateTarget target, DeployPlan plan, Optional<dev.strata.DeployWindow> window, boolean json) {
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("dryRun", true);
      doc.put("datasource", MigrateText.datasourceJson(target));
      doc.put("found", plan.found());
      doc.put("createsHistoryTable", plan.createsHistoryTable());
      doc.put("pending", plan.pending().stream().map(p -> Json.object("name", p.name(), "statements", p.statements())).toList());
      doc.put("outOfOrder", outOfOrderJson(plan.outOfOrder()));
      plan.preflight().ifPresent(p -> doc.put("preflight", preflightJson(p)));
      window.ifPresent(w -> {
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(w.zone());
        doc.put("window", Json.object("spec", w.describe(), "open", w.isOpen(now), "nextOpening", w.nextOpening(now).toOffsetDateTime().toString()));
      });
      term.out().println(Json.write(doc));
      return ExitCodes.OK;
    }
    term.out().println();
    if (plan.pending().isEmpty()) {
      term.out().println("No pending migrations to apply.");
    } else {
      term.out().println("Dry run: these migration(s) would be applied (nothing was changed):");
      term.out().println();
      int width = plan.pending().stream().mapToInt(p -> p.name().length()).max().orElse(0);
      for (DeployPlan.Pending pending : plan.pending()) {
        term.out().println("  " + pending.name() + " ".repeat(width - pending.name().length() + 2)
            + term.dim(pending.statements() + (pending.statements() == 1 ? " statement" : " statements")));
      }
    }
    plan.preflight().ifPresent(p -> printPreflight(term, p));
    if (plan.preflight().filter(DeployPreflight::refuses).isPresent()) {
      term.out().println("The deploy would be refused (error-level lint findings above); nothing would be applied without --allow-unsafe.");
    }
    window.ifPresent(w -> term.out().println(windowText(w)));
    if (!plan.outOfOrder().isEmpty()) {
      warnOutOfOrder(term, plan.outOfOrder(), true);
    }
    if (plan.createsHistoryTable()) {
      term.out().println();
      term.out().println("The _prisma_migrations table would be created.");
    }
    return ExitCodes.OK;
  }

  /** Prisma's P3018 report, then Strata's (file, line, statement) and what to do next. */
  private static String failureText(DeployResult.Failure failure) {
    return "P3018: A migration failed to apply. New migrations cannot be applied before the error is recovered from."
        + " Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\n"
        + "Migration name: " + failure.migration() + "\n\n"
        + (failure.sqlState().isEmpty() ? "" : "Database error code: " + failure.sqlState() + "\n\n")
        + failure.message() + "\n\n"
        + "The migration is recorded as failed; deploy refuses to continue until it is resolved:\n"
        + "- fix the database (or the migration, if it never ran anywhere else), then\n"
        + "  strata migrate resolve --rolled-back \"" + failure.migration() + "\" to apply it again, or\n"
        + "  strata migrate resolve --applied \"" + failure.migration() + "\" if you completed it by hand.";
  }

  /** What puts the database back as it was before the deploy (the restore of the backup a deploy hook took), when known. */
  private static String recovery(DeployResult result) {
    return result.recoveryCommands().isEmpty() ? ""
        : "\n\nTo put the database back as it was before this deploy: " + String.join("; ", result.recoveryCommands());
  }

  /** Strata's warning for what Prisma applies without a word: migrations dated before one already applied. */
  private static void warnOutOfOrder(Terminal term, List<OutOfOrderMigration> outOfOrder, boolean dryRun) {
    String applied = outOfOrder.get(0).sortsBefore();
    boolean many = outOfOrder.size() > 1;
    String verb = dryRun ? "would be applied" : many ? "are applied" : "is applied";
    term.err().println(term.yellow("warning[" + OutOfOrderMigration.CODE + "]: ") + (many ? "these migrations sort" : "this migration sorts")
        + " before " + applied + ", which is already applied, and " + verb + " out of order (after it):");
    outOfOrder.forEach(o -> term.err().println("  " + o.name()));
    term.err().println("A new database applies the folders in name order, so it runs " + (many ? "them" : "it") + " before " + applied
        + ". See strata explain " + OutOfOrderMigration.CODE + ".");
    term.err().flush();
  }

  private static List<Map<String, Object>> outOfOrderJson(List<OutOfOrderMigration> outOfOrder) {
    return outOfOrder.stream().map(o -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", o.name());
      m.put("sortsBefore", o.sortsBefore());
      return m;
    }).toList();
  }

  private static Map<String, Object> json(MigrateTarget target, DeployResult result) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("ok", result.succeeded());
    doc.put("datasource", MigrateText.datasourceJson(target));
    doc.put("found", result.found());
    doc.put("createdHistoryTable", result.createdHistoryTable());
    doc.put("applied", result.outcomes().stream().map(MigrateDeployCommand::json).toList());
    doc.put("outOfOrder", outOfOrderJson(result.outOfOrder()));
    result.failure().ifPresent(f -> {
      Map<String, Object> failure = new LinkedHashMap<>();
      failure.put("code", "P3018");
      failure.put("migration", f.migration());
      failure.put("file", f.file().toString());
      failure.put("line", f.line());
      failure.put("statementLine", f.statementLine());
      failure.put("sqlState", f.sqlState());
      failure.put("message", f.databaseMessage());
      failure.put("earlierStatementsCommitted", f.earlierStatementsCommitted());
      failure.put("committedStatements", f.committedStatements().stream()
          .map(st -> Json.object("line", st.line(), "firstLine", st.firstLine())).toList());
      doc.put("failure", failure);
    });
    if (!result.recoveryCommands().isEmpty()) {
      // e.g. the restore of the backup taken before this deploy: its id, for a deploy that went well too
      doc.put("recoveryCommands", result.recoveryCommands());
    }
    result.notApplied().ifPresent(n -> {
      Map<String, Object> stop = new LinkedHashMap<>();
      stop.put("migration", n.migration());
      stop.put("reason", switch (n.reason()) {
        case LOCK_TIMEOUT -> "lockTimeout";
        case INTERRUPTED -> "interrupted";
        case WINDOW_CLOSED -> "windowClosed";
      });
      stop.put("attempts", n.attempts());
      stop.put("message", n.detail());
      stop.put("recorded", false);
      stop.put("blockers", blockersJson(n.blockers()));
      doc.put("notApplied", stop);
    });
    result.preflight().ifPresent(p -> doc.put("preflight", preflightJson(p)));
    result.drift().ifPresent(d -> doc.put("drift", driftJson(d)));
    doc.put("interrupted", result.interrupted());
    doc.put("durationMs", result.elapsed().toMillis());
    return doc;
  }

  private static Map<String, Object> json(DeployResult.Outcome outcome) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", outcome.name());
    doc.put("statements", outcome.statements());
    doc.put("durationMs", outcome.elapsed().toMillis());
    doc.put("attempts", outcome.attempts());
    if (!outcome.notes().isEmpty()) {
      doc.put("notes", outcome.notes());
    }
    return doc;
  }

  /** Prints the datasource and the migrations found when the deploy starts, then progress as migrations are applied. */
  private record Progress(Terminal term, MigrateTarget target, BackupProgressView backup) implements StrataListener {
    @Override
    public void on(StrataEvent event) {
      if (event instanceof StrataEvent.DeployStarted started) {
        term.out().println(MigrateText.datasource(target));
        term.out().println();
        term.out().println(MigrateText.found(target, started.found()));
      } else if (event instanceof StrataEvent.DeployHookRan hook) {
        term.out().println(term.dim(hook.summary()));
        term.out().flush();
      } else if (event instanceof StrataEvent.BackupProgress progress) {
        backup.show(progress);
      } else if (event instanceof StrataEvent.WaitingForLock) {
        term.err().println("Waiting for another migration to finish (advisory lock held)…");
        term.err().flush();
      } else if (event instanceof StrataEvent.OutOfOrder outOfOrder) {
        warnOutOfOrder(term, outOfOrder.migrations(), false);
      } else if (event instanceof StrataEvent.Applying applying) {
        term.out().println("Applying migration `" + applying.migration() + "`");
        term.out().flush();
      } else if (event instanceof StrataEvent.Applied outcome) {
        String attempts = outcome.attempts() > 1 ? ", " + outcome.attempts() + " attempts" : "";
        term.out().println(term.dim("  applied in " + MigrateText.duration(outcome.elapsed()) + " (" + outcome.statements()
            + (outcome.statements() == 1 ? " statement" : " statements") + attempts + ")"));
      } else if (event instanceof StrataEvent.AppliedNotes notes) {
        notes.notes().forEach(note -> term.out().println(term.dim("  note: " + note)));
      } else if (event instanceof StrataEvent.Preflight preflight) {
        printPreflight(term, preflight.preflight());
      } else if (event instanceof StrataEvent.BlockedBy blocked) {
        blocked.sessions().forEach(b -> term.err().println(term.yellow("  blocked by ") + b.describe()));
        term.err().flush();
      } else if (event instanceof StrataEvent.Retrying retry) {
        term.err().println(term.yellow("  lock timeout") + " in `" + retry.migration() + "` (attempt " + retry.failedAttempt() + " of "
            + retry.maxAttempts() + "): " + retry.error() + "; rolled back, retrying in " + MigrateText.duration(retry.delay()));
        term.err().flush();
      }
    }
  }
}
