package dev.strata;

import dev.strata.config.DatabaseUrl;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a {@link Strata} command did or is doing, as a {@link StrataListener} receives it: a
 * record per kind of event for programs, and a one-line {@link #message()} for logs (passwords
 * masked).
 */
public sealed interface StrataEvent {
  /** How a log would rank it: {@code INFO} for progress, {@code WARNING} for waits and retries, {@code ERROR} for a failure. */
  Level level();

  /** One line for a log. */
  String message();

  /**
   * {@link Strata#deploy()} (or its dry run, {@link Strata#deployPlan()}) starts, the folder read:
   * the migrations folder, the database (masked) and how many migrations the folder holds.
   */
  record DeployStarted(String migrations, String database, int found, boolean dryRun) implements StrataEvent {
    public DeployStarted {
      Objects.requireNonNull(migrations, "migrations");
      Objects.requireNonNull(database, "database");
    }

    @Override
    public Level level() {
      return Level.INFO;
    }

    @Override
    public String message() {
      return "Deploying the migrations of " + migrations + " to " + database + (dryRun ? " (dry run: nothing is changed)" : "");
    }
  }

  /** Another session holds the migration lock (another instance deploying); this one waits, at most {@code timeout}. */
  record WaitingForLock(Duration timeout) implements StrataEvent {
    public WaitingForLock {
      Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public Level level() {
      return Level.WARNING;
    }

    @Override
    public String message() {
      return "Waiting for the migration lock held by another deploy (at most " + timeout.toMillis() + " ms)";
    }
  }

  /** The history table {@code _prisma_migrations} did not exist and was created. */
  record CreatedHistoryTable() implements StrataEvent {
    @Override
    public Level level() {
      return Level.INFO;
    }

    @Override
    public String message() {
      return "Created the migration history table _prisma_migrations";
    }
  }

  /** A migration starts applying. */
  record Applying(String migration) implements StrataEvent {
    public Applying {
      Objects.requireNonNull(migration, "migration");
    }

    @Override
    public Level level() {
      return Level.INFO;
    }

    @Override
    public String message() {
      return "Applying migration `" + migration + "`";
    }
  }

  /** A migration was applied: its statements, the time taken, and the attempts (more than one after lock timeouts). */
  record Applied(String migration, int statements, Duration elapsed, int attempts) implements StrataEvent {
    public Applied {
      Objects.requireNonNull(migration, "migration");
      Objects.requireNonNull(elapsed, "elapsed");
    }

    @Override
    public Level level() {
      return Level.INFO;
    }

    @Override
    public String message() {
      return "Applied migration `" + migration + "` (" + statements + " statement" + (statements == 1 ? "" : "s") + ", "
          + elapsed.toMillis() + " ms" + (attempts > 1 ? ", " + attempts + " attempts" : "") + ")";
    }
  }

  /** A statement hit {@code lock_timeout}: the migration was rolled back and runs again after {@code delay}. */
  record Retrying(String migration, int failedAttempt, int maxAttempts, Duration delay, String error) implements StrataEvent {
    public Retrying {
      Objects.requireNonNull(migration, "migration");
      Objects.requireNonNull(delay, "delay");
      error = DatabaseUrl.mask(Objects.requireNonNull(error, "error"));
    }

    @Override
    public Level level() {
      return Level.WARNING;
    }

    @Override
    public String message() {
      return "Migration `" + migration + "` hit the lock timeout (attempt " + failedAttempt + " of " + maxAttempts + ": " + error
          + "); retrying in " + delay.toMillis() + " ms";
    }
  }

  /** {@link Strata#deploy()} finished: the migrations found and those applied, in order. */
  record DeployFinished(int found, List<String> applied, Duration elapsed) implements StrataEvent {
    public DeployFinished {
      applied = List.copyOf(applied);
      Objects.requireNonNull(elapsed, "elapsed");
    }

    @Override
    public Level level() {
      return Level.INFO;
    }

    @Override
    public String message() {
      String what = applied.isEmpty()
          ? "no pending migration to apply"
          : applied.size() + " applied (" + String.join(", ", applied) + ")";
      return "Deploy finished in " + elapsed.toMillis() + " ms: " + found + " migration" + (found == 1 ? "" : "s") + " found, " + what;
    }
  }

  /** {@link Strata#deploy()} failed; it throws a {@link StrataException} with the same message right after. */
  record DeployFailed(String error) implements StrataEvent {
    public DeployFailed {
      error = DatabaseUrl.mask(Objects.requireNonNull(error, "error"));
    }

    @Override
    public Level level() {
      return Level.ERROR;
    }

    @Override
    public String message() {
      return "Deploy failed: " + error;
    }
  }
  /** {@code db push} read the schema at {@code schema} and found it valid (the CLI says "Prisma schema loaded from …"). */
  record SchemaLoaded(String schema) implements StrataEvent {
    public SchemaLoaded {
      Objects.requireNonNull(schema, "schema");
    }

    @Override
    public Level level() {
      return Level.INFO;
    }

    @Override
    public String message() {
      return "Prisma schema loaded from " + schema;
    }
  }

  /** The database {@code name} did not exist on the server at {@code at} ({@code host:port}) and was created. */
  record DatabaseCreated(String name, String at) implements StrataEvent {
    public DatabaseCreated {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public Level level() {
      return Level.INFO;
    }

    @Override
    public String message() {
      return "PostgreSQL database \"" + name + "\" created at \"" + at + "\"";
    }
  }

  /** {@code db push --force-reset} dropped the {@code schemas} of database {@code name} (at {@code host:port}) and created them again empty. */
  record SchemaReset(String name, List<String> schemas, String at) implements StrataEvent {
    public SchemaReset {
      Objects.requireNonNull(name, "name");
      schemas = List.copyOf(schemas);
      Objects.requireNonNull(at, "at");
    }

    @Override
    public Level level() {
      return Level.INFO;
    }

    @Override
    public String message() {
      return "The PostgreSQL database \"" + name + "\" schema " + String.join(", ", schemas.stream().map(n -> "\"" + n + "\"").toList())
          + " at \"" + at + "\" was successfully reset.";
    }
  }

  /**
   * Pending migrations that sort before one already applied: the deploy applies them anyway, after
   * it (reported once, before the first is applied).
   */
  record OutOfOrder(List<OutOfOrderMigration> migrations) implements StrataEvent {
    public OutOfOrder {
      migrations = List.copyOf(migrations);
    }

    @Override
    public Level level() {
      return Level.WARNING;
    }

    @Override
    public String message() {
      return "Applying out of order (they sort before an applied migration): "
          + String.join(", ", migrations.stream().map(OutOfOrderMigration::name).toList());
    }
  }

  /** What the deploy noted about a migration it just applied (reported after {@link Applied}, when there are notes). */
  record AppliedNotes(String migration, List<String> notes) implements StrataEvent {
    public AppliedNotes {
      Objects.requireNonNull(migration, "migration");
      notes = List.copyOf(notes);
    }

    @Override
    public Level level() {
      return Level.INFO;
    }

    @Override
    public String message() {
      return "Migration `" + migration + "`: " + String.join("; ", notes);
    }
  }


  /** {@code migrate reset} dropped the schemas and the history of {@code database} (masked); the migrations are applied next. */
  record DatabaseWasReset(String database, List<String> schemas) implements StrataEvent {
    public DatabaseWasReset {
      database = DatabaseUrl.mask(Objects.requireNonNull(database, "database"));
      schemas = List.copyOf(schemas);
    }

    @Override
    public Level level() {
      return Level.INFO;
    }

    @Override
    public String message() {
      return "Database reset successful (" + String.join(", ", schemas) + " at " + database + ")";
    }
  }

  /** {@code migrate down} ran the down.sql of {@code migration} and marked it rolled back. */
  record RolledBack(String migration) implements StrataEvent {
    public RolledBack {
      Objects.requireNonNull(migration, "migration");
    }

    @Override
    public Level level() {
      return Level.INFO;
    }

    @Override
    public String message() {
      return "Rolled back `" + migration + "`";
    }
  }

  /**
   * A step of a backup module operation ({@code dev.strata.backup}): {@code step} names it
   * ({@code dump}, {@code table}, {@code restore}, {@code verify}…), {@code detail} says what (no
   * password); {@code transfer}, on the {@code table} steps of a dump or a restore, how far it is,
   * for a progress bar.
   */
  record BackupProgress(String step, String detail, Optional<Transfer> transfer) implements StrataEvent {
    public BackupProgress {
      Objects.requireNonNull(step, "step");
      detail = DatabaseUrl.mask(Objects.requireNonNull(detail, "detail"));
      Objects.requireNonNull(transfer, "transfer");
    }

    public BackupProgress(String step, String detail) {
      this(step, detail, Optional.empty());
    }

    /**
     * How far a dump or restore is: the tables finished of all, their bytes of all ({@code
     * pg_table_size} when the backup was taken; 0 of 0 when unknown), and the time left at the
     * pace so far (empty until there is a pace).
     */
    public record Transfer(int tables, int tablesTotal, long bytes, long bytesTotal, Optional<Duration> left) {
      public Transfer {
        Objects.requireNonNull(left, "left");
      }

      /** The part done, 0 to 1: by bytes when the tables' sizes are known, else by tables. */
      public double fraction() {
        if (bytesTotal > 0) {
          return Math.min(1, (double) bytes / bytesTotal);
        }
        return tablesTotal == 0 ? 0 : Math.min(1, (double) tables / tablesTotal);
      }
    }

    @Override
    public Level level() {
      return Level.INFO;
    }

    @Override
    public String message() {
      return "Backup " + step + ": " + detail;
    }
  }
  /** A {@link DeployHook} ran before the deploy applied anything (e.g. a pre-migration backup was taken). */
  record DeployHookRan(String summary, java.util.Optional<String> recoveryCommand) implements StrataEvent {
    public DeployHookRan {
      summary = DatabaseUrl.mask(Objects.requireNonNull(summary, "summary"));
      Objects.requireNonNull(recoveryCommand, "recoveryCommand");
    }

    @Override
    public Level level() {
      return Level.INFO;
    }

    @Override
    public String message() {
      return "Before deploying: " + summary;
    }
  }

  /**
   * The seed after a reset starts ({@code migrate reset}, the reset inside {@code migrate dev}):
   * the configured seed {@code command}, else the {@code script} ({@code seed.sql}, as shown).
   */
  record Seeding(Optional<String> command, Optional<String> script) implements StrataEvent {
    public Seeding {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(script, "script");
    }

    @Override
    public Level level() {
      return Level.INFO;
    }

    @Override
    public String message() {
      return command.map(c -> "Running seed command `" + c + "` ...").orElseGet(() -> "Running seed script " + script.orElse("") + " ...");
    }
  }

  /** A guarded deploy's checks before it applies anything (reported once, before the first migration, only when some are pending). */
  record Preflight(DeployPreflight preflight) implements StrataEvent {
    public Preflight {
      Objects.requireNonNull(preflight, "preflight");
    }

    @Override
    public Level level() {
      return preflight.blockers().isEmpty() && preflight.lintErrors().isEmpty() ? Level.INFO : Level.WARNING;
    }

    @Override
    public String message() {
      return "Preflight: " + preflight.pending().size() + " pending, database " + preflight.databaseBytes() + " bytes, "
          + preflight.connections() + " of " + preflight.maxConnections() + " connections ("
          + preflight.reservedConnections() + " reserved), "
          + (preflight.blockers().isEmpty() ? "no session holds locks the migrations need"
              : preflight.blockers().size() + " session(s) would block: "
                  + String.join("; ", preflight.blockers().stream().map(BlockingSession::describe).toList()))
          + (preflight.lintErrors().isEmpty() ? "" : ", " + dev.strata.diag.Plural.of(preflight.lintErrors().size(), "error-level lint finding")
              + (preflight.refuses() ? " (the deploy refuses)" : " (allowed as unsafe)"));
    }
  }

  /** A statement of {@code migration} waited for locks held by these sessions until {@code lock_timeout} (seen with {@code pg_blocking_pids()}). */
  record BlockedBy(String migration, int attempt, List<BlockingSession> sessions) implements StrataEvent {
    public BlockedBy {
      Objects.requireNonNull(migration, "migration");
      sessions = List.copyOf(sessions);
    }

    @Override
    public Level level() {
      return Level.WARNING;
    }

    @Override
    public String message() {
      return "Migration `" + migration + "` (attempt " + attempt + ") was blocked by "
          + String.join("; ", sessions.stream().map(BlockingSession::describe).toList());
    }
  }

  /** A guarded deploy compared the database with its migration history after the last migration. */
  record DriftChecked(DriftCheck check) implements StrataEvent {
    public DriftChecked {
      Objects.requireNonNull(check, "check");
    }

    @Override
    public Level level() {
      return check.outcome() == DriftCheck.Outcome.DIFFERS ? Level.WARNING : Level.INFO;
    }

    @Override
    public String message() {
      return check.describe();
    }
  }
}
