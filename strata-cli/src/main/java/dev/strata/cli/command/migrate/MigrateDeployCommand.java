package dev.strata.cli.command.migrate;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.migrate.MigrateCodes;
import dev.strata.migrate.MigrationFailure;
import dev.strata.migrate.MigrationRunner;
import dev.strata.migrate.history.MigrationStatus;
import dev.strata.migrate.run.DeployListener;
import dev.strata.migrate.run.DeployOptions;
import dev.strata.migrate.run.DeployPlan;
import dev.strata.migrate.run.DeployResult;
import dev.strata.migrate.run.MigrationOutcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
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
        "it). --dry-run lists what would be applied and changes nothing.")
public final class MigrateDeployCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;
  @Mixin MigrationsOption migrationsOption;

  @Option(names = "--dry-run", description = "Show the migrations that would be applied (and their statement counts); change nothing.")
  boolean dryRun;

  @Option(names = "--lock-timeout", paramLabel = "DUR", converter = DurationOption.class, defaultValue = "10s",
      description = "How long to wait for another migration's advisory lock (Prisma: 10s). Default: ${DEFAULT-VALUE}.")
  Duration lockTimeout;

  @Option(names = "--statement-lock-timeout", paramLabel = "DUR", converter = DurationOption.class,
      description = "Run migrations with SET lock_timeout (e.g. 5s); a statement that times out is retried with back-off. Default: off.")
  Duration statementLockTimeout;

  @Option(names = "--lock-retries", paramLabel = "N", defaultValue = "3",
      description = "Retries of a migration whose statement hit --statement-lock-timeout (back-off 0.5s, 1s, 2s, …). Default: ${DEFAULT-VALUE}.")
  int lockRetries;

  @Override
  protected int run() {
    Terminal term = terminal();
    // The runner's connections: the advisory lock's and the work's (a dry run reads with one).
    MigrateTarget target = MigrateTarget.resolve(context(), schemaOptions, connectionOptions, migrationsOption, dryRun ? 1 : 2);
    if (lockRetries < 0 || (statementLockTimeout != null && statementLockTimeout.isZero())) {
      throw new StrataException(ErrorCode.USAGE, "--lock-retries must be 0 or more and --statement-lock-timeout more than 0.");
    }
    DeployOptions options = DeployOptions.defaults().withAdvisoryLockTimeout(lockTimeout).withLockRetries(lockRetries, Duration.ofMillis(500));
    if (statementLockTimeout != null) {
      options = options.withStatementLockTimeout(statementLockTimeout);
    }
    boolean json = output.json();
    if (!json) {
      target.warnings().forEach(w -> term.err().println(term.yellow("warning: ") + w));
      term.out().println(MigrateText.datasource(target));
      term.out().println();
      term.out().println(MigrateText.found(target));
    }
    MigrationRunner runner = MigrationRunner.of(target.url(), target.directory()).withOptions(options);
    if (dryRun) {
      return dryRun(term, target, runner.plan(), json);
    }
    DeployResult result = runner.withListener(json ? DeployListener.NONE : new Progress(term)).deploy();
    if (json) {
      term.out().println(Json.write(json(target, result)));
      return result.succeeded() ? ExitCodes.OK : ExitCodes.ERROR;
    }
    if (result.failure().isPresent()) {
      throw new StrataException(ErrorCode.DATABASE, failureText(result.failure().get()));
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
    for (MigrationOutcome outcome : result.applied()) {
      term.out().println("  └─ " + outcome.name() + "/");
      term.out().println("    └─ migration.sql");
    }
    term.out().println();
    term.out().println(term.green("All migrations have been successfully applied.") + " "
        + term.dim("(" + result.applied().size() + " in " + MigrateText.duration(result.elapsed()) + ")"));
    return ExitCodes.OK;
  }

  private int dryRun(Terminal term, MigrateTarget target, DeployPlan plan, boolean json) {
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("dryRun", true);
      doc.put("datasource", MigrateText.datasourceJson(target));
      doc.put("found", plan.found());
      doc.put("createsHistoryTable", plan.createsHistoryTable());
      doc.put("pending", plan.pending().stream().map(p -> Map.of("name", p.name(), "statements", p.statements())).toList());
      doc.put("outOfOrder", outOfOrderJson(plan.outOfOrder()));
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
  private static String failureText(MigrationFailure failure) {
    return "P3018: A migration failed to apply. New migrations cannot be applied before the error is recovered from."
        + " Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\n"
        + "Migration name: " + failure.migrationName() + "\n\n"
        + (failure.sqlState().isEmpty() ? "" : "Database error code: " + failure.sqlState() + "\n\n")
        + failure.message() + "\n\n"
        + "The migration is recorded as failed; deploy refuses to continue until it is resolved:\n"
        + "- fix the database (or the migration, if it never ran anywhere else), then\n"
        + "  strata migrate resolve --rolled-back \"" + failure.migrationName() + "\" to apply it again, or\n"
        + "  strata migrate resolve --applied \"" + failure.migrationName() + "\" if you completed it by hand.";
  }

  /** Strata's warning for what Prisma applies without a word: migrations dated before one already applied. */
  private static void warnOutOfOrder(Terminal term, List<MigrationStatus.OutOfOrder> outOfOrder, boolean dryRun) {
    String applied = outOfOrder.get(0).sortsBefore();
    boolean many = outOfOrder.size() > 1;
    String verb = dryRun ? "would be applied" : many ? "are applied" : "is applied";
    term.err().println(term.yellow("warning[" + MigrateCodes.OUT_OF_ORDER + "]: ") + (many ? "these migrations sort" : "this migration sorts")
        + " before " + applied + ", which is already applied, and " + verb + " out of order (after it):");
    outOfOrder.forEach(o -> term.err().println("  " + o.name()));
    term.err().println("A new database applies the folders in name order, so it runs " + (many ? "them" : "it") + " before " + applied
        + ". See strata explain " + MigrateCodes.OUT_OF_ORDER + ".");
    term.err().flush();
  }

  private static List<Map<String, Object>> outOfOrderJson(List<MigrationStatus.OutOfOrder> outOfOrder) {
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
    doc.put("applied", result.applied().stream().map(MigrateDeployCommand::json).toList());
    doc.put("outOfOrder", outOfOrderJson(result.outOfOrder()));
    result.failure().ifPresent(f -> {
      Map<String, Object> failure = new LinkedHashMap<>();
      failure.put("code", "P3018");
      failure.put("migration", f.migrationName());
      failure.put("file", f.file().toString());
      failure.put("line", f.line());
      failure.put("statementLine", f.statement().startLine());
      failure.put("sqlState", f.sqlState());
      failure.put("message", f.databaseMessage());
      failure.put("earlierStatementsCommitted", f.earlierStatementsCommitted());
      doc.put("failure", failure);
    });
    doc.put("durationMs", result.elapsed().toMillis());
    return doc;
  }

  private static Map<String, Object> json(MigrationOutcome outcome) {
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

  /** Prints progress as migrations are applied. */
  private record Progress(Terminal term) implements DeployListener {
    @Override
    public void waitingForLock() {
      term.err().println("Waiting for another migration to finish (advisory lock held)…");
      term.err().flush();
    }

    @Override
    public void outOfOrder(List<MigrationStatus.OutOfOrder> migrations) {
      warnOutOfOrder(term, migrations, false);
    }

    @Override
    public void applying(String name) {
      term.out().println("Applying migration `" + name + "`");
      term.out().flush();
    }

    @Override
    public void applied(MigrationOutcome outcome) {
      String attempts = outcome.attempts() > 1 ? ", " + outcome.attempts() + " attempts" : "";
      term.out().println(term.dim("  applied in " + MigrateText.duration(outcome.elapsed()) + " (" + outcome.statements()
          + (outcome.statements() == 1 ? " statement" : " statements") + attempts + ")"));
      outcome.notes().forEach(note -> term.out().println(term.dim("  note: " + note)));
    }

    @Override
    public void retrying(String name, int failedAttempt, int maxAttempts, Duration delay, String error) {
      term.err().println(term.yellow("  lock timeout") + " in `" + name + "` (attempt " + failedAttempt + " of " + maxAttempts + "): "
          + error + "; rolled back, retrying in " + MigrateText.duration(delay));
      term.err().flush();
    }
  }
}
