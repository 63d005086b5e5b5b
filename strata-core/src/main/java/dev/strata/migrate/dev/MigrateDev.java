package dev.strata.migrate.dev;

import dev.strata.Cancellation;
import dev.strata.DevConsole;
import dev.strata.DevResult;
import dev.strata.ErrorCode;
import dev.strata.OutOfOrderMigration;
import dev.strata.ShadowDatabases;
import dev.strata.StatusResult;
import dev.strata.StrataException;
import dev.strata.TableRows;
import dev.strata.compare.Comparison;
import dev.strata.compare.PrismaVisibility;
import dev.strata.config.DatabaseUrl;
import dev.strata.diag.Diagnostic;
import dev.strata.diff.RenameDetector.ColumnRename;
import dev.strata.diff.RenameDetector.Rename;
import dev.strata.diff.RenameDetector.RenameSpec;
import dev.strata.diff.RenameDetector.TableRename;
import dev.strata.diff.RenameDetector;
import dev.strata.migrate.MigrateCodes;
import dev.strata.migrate.MigrationFailedException;
import dev.strata.migrate.MigrationFolder;
import dev.strata.migrate.MigrationOrder;
import dev.strata.migrate.MigrationReplayer;
import dev.strata.migrate.MigrationRunner;
import dev.strata.migrate.MigrationWriter;
import dev.strata.migrate.MigrationsDirectory;
import dev.strata.migrate.history.HistoryDiagnostic;
import dev.strata.migrate.history.MigrationStatus;
import dev.strata.migrate.push.DataLoss;
import dev.strata.migrate.push.DataLossCheck;
import dev.strata.migrate.run.DeployListener;
import dev.strata.migrate.run.DeployResult;
import dev.strata.migrate.run.Interruption;
import dev.strata.migrate.run.MigrationOutcome;
import dev.strata.postgres.exec.PgConnections;
import dev.strata.postgres.inspect.InspectOptions;
import dev.strata.postgres.inspect.PgInspector;
import dev.strata.schema.DatabaseSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code strata migrate dev}: Prisma's development workflow with Strata's safety rails.
 *
 * <ol>
 *   <li>The migration history is replayed into a shadow database (embedded by default, so no
 *       {@code CREATE DATABASE} permission is needed): first the migrations the database records
 *       as applied, compared with the database itself (drift), then the pending ones.
 *   <li>Drift, failed or edited migrations, or histories that diverge need a reset, which is never
 *       silent: the user confirms after seeing what differs and what would be dropped, or passes
 *       {@code --force}; without either nothing is changed.
 *   <li>Pending migrations are applied with the runner (advisory lock, history rows).
 *   <li>The history's schema is diffed against the Prisma schema. Renames the user confirms become
 *       {@code RENAME} statements; data-loss warnings need a confirmation or {@code
 *       --accept-data-loss}. The new {@code migration.sql} (Prisma's text) and {@code down.sql} are
 *       written, the down having been run up → down → up on the shadow; then the migration is
 *       applied unless {@code --create-only}.
 * </ol>
 */
public final class MigrateDev {
  private final DatabaseUrl url;
  private final Path migrationsDir;
  private final DatabaseSchema target;
  private final ShadowDatabases shadows;
  private final DevConsole console;
  private final RenameNames names;
  private final Cancellation cancellation;

  private MigrateDev(DatabaseUrl url, Path migrationsDir, DatabaseSchema target, ShadowDatabases shadows, DevConsole console,
      RenameNames names, Cancellation cancellation) {
    this.url = url;
    this.migrationsDir = migrationsDir;
    this.target = target;
    this.shadows = shadows;
    this.console = console;
    this.names = names;
    this.cancellation = cancellation;
  }

  /**
   * The workflow for the database at {@code url}, the migrations in {@code migrationsDir}, and the
   * schema {@code target} (the Prisma schema, lowered).
   */
  public static MigrateDev of(DatabaseUrl url, Path migrationsDir, DatabaseSchema target, ShadowDatabases shadows, DevConsole console) {
    return new MigrateDev(Objects.requireNonNull(url, "url"), Objects.requireNonNull(migrationsDir, "migrationsDir"),
        Objects.requireNonNull(target, "target"), Objects.requireNonNull(shadows, "shadows"), Objects.requireNonNull(console, "console"),
        RenameNames.none(), new Cancellation());
  }

  /** This workflow, reading {@code --rename} arguments in the Prisma names of {@code names} as well as in database names. */
  public MigrateDev withNames(RenameNames names) {
    return new MigrateDev(url, migrationsDir, target, shadows, console, Objects.requireNonNull(names, "names"), cancellation);
  }

  /**
   * This workflow, stopped by {@code value} while it applies migrations (Ctrl-C): the running
   * statement is cancelled on the server, and the run throws {@code StrataException} ({@code
   * INTERRUPTED}) saying what it applied.
   */
  public MigrateDev withCancellation(Cancellation value) {
    return new MigrateDev(url, migrationsDir, target, shadows, console, names, Objects.requireNonNull(value, "cancellation"));
  }

  /** Runs the workflow. */
  public DevResult run(DevOptions options) {
    MigrationsDirectory directory = readDirectory();
    List<String> namespaces = namespaces();
    InspectOptions inspectShadow = target.explicitSchemas().isEmpty() ? InspectOptions.defaults() : InspectOptions.multiSchema(namespaces);
    InspectOptions inspectDev = inspectShadow.withDefaultSchema(url.schema());
    inspectShadow = inspectShadow.withDefaultSchema(url.schema());
    MigrationRunner runner = MigrationRunner.of(url, directory).withListener(listener()).withCancellation(cancellation);
    MigrationStatus status = runner.status();

    try (ShadowDatabases.Lease shadow = shadows.open()) {
      useSchema(shadow.connection());
      // 1. The history: applied migrations first (for drift), then the rest.
      List<MigrationFolder> folders = directory.folders();
      Set<String> recorded = new HashSet<>();
      status.entries().stream()
          .filter(e -> e.state() == StatusResult.State.APPLIED || e.state() == StatusResult.State.MODIFIED)
          .forEach(e -> recorded.add(e.name()));
      int prefix = 0;
      while (prefix < folders.size() && recorded.contains(folders.get(prefix).name())) {
        prefix++;
      }
      boolean appliedIsPrefix = prefix == recorded.size();
      List<String> resetReasons = new ArrayList<>();
      Optional<Comparison> drift = Optional.empty();
      if (appliedIsPrefix) {
        replay(shadow.connection(), folders.subList(0, prefix));
        DatabaseSchema applied = PrismaVisibility.asSeenFor(PgInspector.inspect(shadow.connection(), inspectShadow), target);
        DatabaseSchema live = PrismaVisibility.asSeenFor(inspectDev(inspectDev), target);
        Comparison difference = Comparison.of(applied, live);
        if (!difference.isEmpty()) {
          drift = Optional.of(difference);
          resetReasons.add("Drift detected: your database schema is not in sync with your migration history.");
        }
        replay(shadow.connection(), folders.subList(prefix, folders.size()));
      } else {
        replay(shadow.connection(), folders);
      }
      DatabaseSchema history = PrismaVisibility.asSeenFor(PgInspector.inspect(shadow.connection(), inspectShadow), target);

      // 2. Reasons to reset, as Prisma's devDiagnostic finds them.
      status.failedMigrationNames().forEach(n -> resetReasons.add("The migration `" + n + "` failed."));
      status.editedMigrationNames().forEach(n -> resetReasons.add("The migration `" + n + "` was modified after it was applied."));
      if (status.history() instanceof HistoryDiagnostic.MigrationsDirectoryIsBehind behind) {
        resetReasons.add("The following migration(s) are applied to the database but missing from the local migrations directory: "
            + String.join(", ", behind.unpersistedMigrationNames()));
      } else if (status.history() instanceof HistoryDiagnostic.HistoriesDiverge diverge) {
        resetReasons.add("Your local migration history and the migrations table from your database are different: the last common"
            + " migration is " + diverge.lastCommonMigrationName().orElse("none") + "; applied but missing locally: "
            + String.join(", ", diverge.unpersistedMigrationNames()));
      }
      boolean reset = false;
      if (!resetReasons.isEmpty()) {
        Optional<String> refusal = confirmReset(resetReasons, drift, namespaces, options);
        if (refusal.isPresent()) {
          return new DevResult(DevResult.Outcome.REFUSED, false, List.of(), Optional.empty(), false, Optional.of(refusal.get()));
        }
        resetDatabase(namespaces);
        reset = true;
      }

      // 3. Pending migrations.
      List<String> applied = new ArrayList<>();
      MigrationRunner fresh = MigrationRunner.of(url, directory).withListener(listener()).withCancellation(cancellation);
      if (reset || !fresh.status().pendingMigrationNames().isEmpty()) {
        applied.addAll(deploy(fresh));
        warnStaleDowns(directory, applied);
      }

      // 4. The next migration.
      List<Rename> renames = renames(history, options);
      GeneratedMigration next = options.prismaSql()
          ? GeneratedMigration.of(history, target, renames)
          : GeneratedMigration.lockSafe(history, target, renames);
      if (next.isEmpty() && !options.createOnly()) {
        if (applied.isEmpty()) {
          console.say("Already in sync, no schema change or pending migration was found.");
          return new DevResult(DevResult.Outcome.IN_SYNC, reset, applied, Optional.empty(), false, Optional.empty());
        }
        console.say("Your database is now in sync with your schema.");
        return new DevResult(DevResult.Outcome.APPLIED, reset, applied, Optional.empty(), false, Optional.empty());
      }
      Optional<String> lossRefusal = checkDataLoss(next, options);
      if (lossRefusal.isPresent()) {
        return new DevResult(DevResult.Outcome.REFUSED, reset, applied, Optional.empty(), false, lossRefusal);
      }

      String name = options.name().orElseGet(() -> console.interactive() ? console.ask("Enter a name for the new migration:") : "");
      Set<String> existing = new HashSet<>();
      directory.folders().forEach(f -> existing.add(f.name()));
      status.entries().forEach(e -> existing.add(e.name()));
      Instant now = options.clock().instant();
      String folderName = MigrationName.folderAfter(now, name, existing);
      if (!folderName.equals(MigrationName.folder(now, name))) {
        console.say("The new migration is dated " + folderName.substring(0, 14) + " rather than " + MigrationName.folder(now, "")
            + " (this machine's clock) so that it sorts after " + existing.stream().max(MigrationOrder.PRISMA).orElse("")
            + ", the newest existing migration.");
      }

      // 5. down.sql, verified on the shadow (which holds the history's schema); with lock-safe SQL
      // for existing tables, a second, non-transactional migration follows Prisma's.
      List<String> folderNames = new ArrayList<>();
      Optional<String> lockSafe = Optional.empty();
      List<Boolean> verifiedParts = new ArrayList<>();
      MigrationFolder written = null;
      if (next.hasTransactionalPart() || next.online().isEmpty()) {
        Down down = verifiedDown(shadow.connection(), inspectShadow, folderName, next.migrationSql(), next.downSql(),
            next.online().isPresent() ? firstIrreversible(next) : next.irreversible(), next.online().isPresent());
        written = MigrationWriter.into(migrationsDir).write(folderName, next.migrationSql(), Optional.of(down.text()));
        folderNames.add(folderName);
        verifiedParts.add(down.verified());
      }
      if (next.online().isPresent()) {
        GeneratedMigration.Online online = next.online().get();
        String onlineName = folderName;
        if (!folderNames.isEmpty()) {
          Set<String> taken = new HashSet<>(existing);
          taken.add(folderName);
          onlineName = MigrationName.folderAfter(now, (name.isEmpty() ? "" : name + "_") + "lock_safe", taken);
        }
        List<String> irreversibleOnline = online.plan().steps().stream().filter(st -> st.reverse().isEmpty())
            .map(st -> st.kind().name() + st.irreversibleReason().map(r -> ": " + r).orElse("")).toList();
        Down down = verifiedDown(shadow.connection(), inspectShadow, onlineName, online.migrationSql(), online.downSql(),
            irreversibleOnline, false);
        MigrationFolder folder = MigrationWriter.into(migrationsDir).write(onlineName, online.migrationSql(), Optional.of(down.text()));
        if (written == null) {
          written = folder;
        }
        folderNames.add(onlineName);
        verifiedParts.add(down.verified());
        lockSafe = Optional.of(onlineName);
        console.say("Changes to existing tables are in " + onlineName + ", lock-safe (CONCURRENTLY, NOT VALID then VALIDATE,"
            + " each statement committed on its own); --prisma-sql writes Prisma's plain SQL instead.");
      }
      boolean verified = !verifiedParts.contains(false);
      if (options.createOnly()) {
        console.say("Strata created the following migration without applying it " + folderName);
        console.say("");
        console.say("You can now edit it and apply it by running strata migrate dev.");
        return new DevResult(DevResult.Outcome.CREATED, reset, applied, Optional.of(written.name()), verified, Optional.empty()).withLockSafe(lockSafe);
      }
      MigrationRunner withNew = MigrationRunner.of(url, readDirectory()).withListener(listener()).withCancellation(cancellation);
      applied.addAll(deploy(withNew));
      console.say("");
      console.say("The following migration(s) have been created and applied from new schema changes:");
      console.say("");
      console.say("migrations/");
      for (int i = 0; i < folderNames.size(); i++) {
        console.say("  └─ " + folderNames.get(i) + "/");
        console.say("    └─ migration.sql");
        console.say("    └─ down.sql" + (verifiedParts.get(i) ? " (verified)" : " (irreversible)"));
      }
      console.say("");
      console.say("Your database is now in sync with your schema.");
      return new DevResult(DevResult.Outcome.CREATED, reset, applied, Optional.of(written.name()), verified, Optional.empty()).withLockSafe(lockSafe);
    }
  }

  /** Why the first (transactional) part cannot be undone: its steps without a reverse. */
  private static List<String> firstIrreversible(GeneratedMigration next) {
    return next.comparison().plan().steps().stream()
        .filter(st -> st.reverse().isEmpty() && st.kind() != dev.strata.plan.Step.CreateSchema)
        .map(st -> st.kind().name() + st.irreversibleReason().map(r -> ": " + r).orElse("")).toList();
  }

  /** A {@code down.sql} as written: marked verified or irreversible. */
  private record Down(String text, boolean verified) {}

  /**
   * Prepares {@code down.sql} for one migration: verified up → down → up on the shadow (left after
   * the migration), else marked irreversible with the reason. When {@code more} follows, the shadow
   * is left after this migration in every case (the next part is verified on it).
   */
  private Down verifiedDown(Connection shadow, InspectOptions inspect, String folderName, String upSql, String downSql,
      List<String> irreversible, boolean more) {
    if (!irreversible.isEmpty()) {
      console.say("down.sql cannot undo this migration (" + String.join("; ", irreversible) + "); it is marked irreversible.");
      if (more) {
        MigrationReplayer.on(shadow).apply(folderName, migrationsDir.resolve(folderName).resolve("migration.sql"), upSql);
      }
      return new Down(DownFile.markIrreversible(DownFile.markWrittenFor(upSql, downSql), "cannot undo " + String.join("; ", irreversible)), false);
    }
    DownVerifier.Verdict verdict = DownVerifier.on(shadow, inspect).verify(folderName, migrationsDir.resolve(folderName), upSql, downSql);
    if (verdict.verified()) {
      return new Down(DownFile.markVerified(DownFile.markWrittenFor(upSql, downSql)), true);
    }
    String problem = verdict.problem().orElse("unknown");
    console.say("down.sql could not be verified on the shadow database (" + problem + "); it is marked irreversible.");
    return new Down(DownFile.markIrreversible(DownFile.markWrittenFor(upSql, downSql), "not verified: " + problem), false);
  }

  /**
   * Unqualified names in migrations land in the URL's {@code ?schema=} on the database: on the
   * shadow too, so that both sides compare under the same names.
   */
  private void useSchema(Connection shadow) {
    if (url.schema().equals("public")) {
      return;
    }
    try (java.sql.Statement statement = shadow.createStatement()) {
      String quoted = "\"" + url.schema().replace("\"", "\"\"") + "\"";
      statement.execute("CREATE SCHEMA IF NOT EXISTS " + quoted);
      statement.execute("SET search_path TO " + quoted);
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Could not prepare the shadow database: " + e.getMessage(), e);
    }
  }

  private MigrationsDirectory readDirectory() {
    MigrationsDirectory directory = MigrationsDirectory.read(migrationsDir);
    List<Diagnostic> errors = directory.allProblems().stream().filter(Diagnostic::isError).toList();
    if (!errors.isEmpty()) {
      StringBuilder message = new StringBuilder("The migrations directory " + migrationsDir + " cannot be used:");
      errors.forEach(d -> message.append("\n- ").append(d.message()));
      throw new StrataException(ErrorCode.INVALID_INPUT, message.toString());
    }
    return directory;
  }

  /** The schemas the project lives in: the URL's, or the Prisma schema's {@code schemas = [...]}. */
  private List<String> namespaces() {
    Set<String> all = new LinkedHashSet<>();
    if (target.explicitSchemas().isEmpty()) {
      all.add(url.schema());
    } else {
      target.explicitSchemas().stream().sorted().forEach(all::add);
    }
    return List.copyOf(all);
  }

  private DeployListener listener() {
    return new DeployListener() {
      @Override
      public void outOfOrder(List<OutOfOrderMigration> migrations) {
        console.say("Out of order (" + MigrateCodes.OUT_OF_ORDER + "): " + migrations.stream().map(OutOfOrderMigration::name)
            .collect(java.util.stream.Collectors.joining(", ")) + " sort" + (migrations.size() > 1 ? "" : "s") + " before "
            + migrations.get(0).sortsBefore() + ", which is already applied; applying " + (migrations.size() > 1 ? "them" : "it")
            + " after it. A new database runs the folders in name order. See strata explain " + MigrateCodes.OUT_OF_ORDER + ".");
      }

      @Override
      public void applying(String name) {
        console.say("Applying migration `" + name + "`");
      }
    };
  }

  private static void replay(Connection shadow, List<MigrationFolder> folders) {
    if (folders.isEmpty()) {
      return;
    }
    try {
      MigrationReplayer.on(shadow).replay(folders);
    } catch (MigrationFailedException e) {
      throw new StrataException(ErrorCode.DATABASE, "P3006: Migration `" + e.failure().migrationName()
          + "` failed to apply cleanly to the shadow database.\n" + e.failure().message(), e.failure().details("P3006"), e);
    }
  }

  private DatabaseSchema inspectDev(InspectOptions options) {
    try (Connection connection = PgConnections.open(url)) {
      return PgInspector.inspect(connection, options);
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Reading " + url.masked() + " failed: " + DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
    }
  }

  private Optional<String> confirmReset(List<String> reasons, Optional<Comparison> drift, List<String> namespaces, DevOptions options) {
    reasons.forEach(console::say);
    drift.ifPresent(d -> {
      console.say("");
      console.say("The following is a summary of the differences between the expected database schema given your migrations"
          + " files, and the actual schema of the database:");
      console.say("");
      console.say(d.summary().stripTrailing());
    });
    List<TableRows> doomed;
    try (Connection connection = PgConnections.open(url)) {
      doomed = DatabaseReset.contents(connection, namespaces);
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Could not read " + url.masked() + ": " + DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
    }
    console.say("");
    console.say("We need to reset the " + String.join(", ", namespaces.stream().map(n -> "\"" + n + "\"").toList())
        + " schema" + (namespaces.size() > 1 ? "s" : "") + " at \"" + url.host() + ":" + url.port() + "\"");
    String lost = doomed.isEmpty() ? "no tables" : String.join(", ", doomed.stream().map(t -> t.describe(url.schema())).toList());
    console.say("A reset drops every table in it (" + lost + ") and re-applies all migrations.");
    if (options.force()) {
      return Optional.empty();
    }
    if (console.interactive() && console.confirm("Do you want to continue? All data will be lost.")) {
      return Optional.empty();
    }
    return Optional.of(console.interactive()
        ? "Reset cancelled: nothing was changed."
        : "The database needs a reset, which drops " + lost + ". Nothing was changed: this shell is non-interactive. Run again"
            + " with --force to reset, or use `strata migrate reset`.");
  }

  private void resetDatabase(List<String> namespaces) {
    try (Connection connection = PgConnections.open(url)) {
      DatabaseReset.reset(connection, namespaces, url.schema());
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Could not reset " + url.masked() + ": " + DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
    }
    console.say("Database reset.");
  }

  /** Says which of the migrations just applied have a down.sql written for an earlier version of their script. */
  private void warnStaleDowns(MigrationsDirectory directory, List<String> applied) {
    for (String name : applied) {
      directory.folder(name).ifPresent(folder -> {
        if (folder.downSql().isPresent() && folder.sql().isPresent() && DownFile.isStale(folder.downSql().get(), folder.sql().get())) {
          console.say("Warning: the down.sql of `" + name + "` was written before its migration.sql was edited, so it may not"
              + " undo all of it; strata migrate down refuses to run it until you update it.");
        }
      });
    }
  }

  private static List<String> deploy(MigrationRunner runner) {
    DeployResult result = runner.deploy();
    if (result.interrupted()) {
      throw Interruption.of("migrate dev", result);
    }
    if (result.failure().isPresent()) {
      throw new StrataException(ErrorCode.DATABASE, "P3018: A migration failed to apply. New migrations cannot be applied before"
          + " the error is recovered from.\n\n" + result.failure().get().message(), result.failure().get().details("P3018"));
    }
    return result.applied().stream().map(MigrationOutcome::name).toList();
  }

  /** The renames to carry out: those given with {@code --rename}, then those confirmed interactively. */
  private List<Rename> renames(DatabaseSchema history, DevOptions options) {
    List<Rename> chosen = new ArrayList<>();
    List<RenameSpec> tables = options.renames().stream().filter(s -> s.table().isEmpty()).toList();
    List<RenameSpec> columns = options.renames().stream().filter(s -> s.table().isPresent()).toList();
    for (RenameSpec spec : tables) {
      chosen.add(resolve(spec, RenameDetector.applyTo(history, chosen)));
    }
    if (console.interactive()) {
      Comparison after = Comparison.of(RenameDetector.applyTo(history, chosen), target);
      Set<String> used = new HashSet<>();
      for (TableRename candidate : RenameDetector.tableCandidates(after.changes())) {
        if (!used.contains(candidate.from()) && !used.contains("\u0000" + candidate.to()) && console.confirm(candidate.question())) {
          chosen.add(candidate);
          used.add(candidate.from());
          used.add("\u0000" + candidate.to());
        }
      }
    }
    for (RenameSpec spec : columns) {
      chosen.add(resolve(spec, RenameDetector.applyTo(history, chosen)));
    }
    if (console.interactive()) {
      Comparison after = Comparison.of(RenameDetector.applyTo(history, chosen), target);
      Set<String> used = new HashSet<>();
      for (ColumnRename candidate : RenameDetector.columnCandidates(after.changes())) {
        String from = candidate.table() + "." + candidate.from();
        String to = candidate.table() + "\u0000" + candidate.to();
        if (!used.contains(from) && !used.contains(to) && console.confirm(candidate.question())) {
          chosen.add(candidate);
          used.add(from);
          used.add(to);
        }
      }
    }
    return chosen;
  }

  private Rename resolve(RenameSpec written, DatabaseSchema from) {
    RenameSpec spec = names.translate(written, from, target);
    RenameDetector.Resolution resolution = RenameDetector.resolve(spec, from, target);
    return resolution.rename().orElseThrow(() -> new StrataException(ErrorCode.USAGE, "--rename "
        + written.table().map(t -> t + ".").orElse("") + written.from() + "=" + written.to() + ": "
        + resolution.problem().orElse("not a rename")));
  }

  /** Prisma's data-loss gate: unexecutable steps stop the run unless {@code --create-only}; warnings need a yes. */
  private Optional<String> checkDataLoss(GeneratedMigration next, DevOptions options) {
    DataLoss loss;
    try (Connection connection = PgConnections.open(url)) {
      loss = DataLossCheck.evaluate(connection, next.wholeComparison());
    } catch (SQLException | RuntimeException e) {
      // The check reads row counts; when it cannot (a renamed table that does not exist yet), the
      // plan's own warnings, worded for unknown row counts, stand in.
      loss = new DataLoss(next.warnings(), next.unexecutable());
    }
    if (!loss.unexecutable().isEmpty() && !options.createOnly()) {
      console.say("⚠️ We found changes that cannot be executed:");
      console.say("");
      loss.unexecutable().forEach(u -> console.say("  • " + u));
      console.say("");
      return Optional.of("The migration cannot be applied to the data in the database. Nothing was written. Use --create-only to"
          + " write it and edit it (for example to add a default or fill the column first), or reset the database.");
    }
    // --create-only applies nothing, so nothing can be lost yet: the warnings stay in the file's header.
    if (loss.warnings().isEmpty() || options.acceptDataLoss() || options.createOnly()) {
      return Optional.empty();
    }
    console.say("⚠️  Warnings for the current datasource:");
    console.say("");
    loss.warnings().forEach(w -> console.say("  • " + w));
    console.say("");
    if (console.interactive()) {
      return console.confirm("Are you sure you want to create and apply this migration?")
          ? Optional.empty()
          : Optional.of("Migration cancelled: nothing was written.");
    }
    return Optional.of("The migration would lose data (see the warnings above). Nothing was written: this shell is"
        + " non-interactive. Run again with --accept-data-loss to go ahead.");
  }
}
