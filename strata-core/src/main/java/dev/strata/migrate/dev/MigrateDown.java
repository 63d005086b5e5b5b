package dev.strata.migrate.dev;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import dev.strata.diag.Diagnostic;
import dev.strata.migrate.MigrationFailedException;
import dev.strata.migrate.MigrationFolder;
import dev.strata.migrate.MigrationReplayer;
import dev.strata.migrate.MigrationsDirectory;
import dev.strata.migrate.history.HistoryStore;
import dev.strata.migrate.history.MigrationRecord;
import dev.strata.migrate.run.AdvisoryLock;
import dev.strata.migrate.run.DeployOptions;
import dev.strata.postgres.exec.PgConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code strata migrate down}: runs the {@code down.sql} of the last applied migrations, newest
 * first, and marks each rolled back in {@code _prisma_migrations} (as {@code migrate resolve
 * --rolled-back} marks a row), so that {@code migrate deploy} or {@code migrate dev} apply it again.
 * Refuses before changing anything when a down file is missing, marked irreversible, or written
 * for an earlier version of {@code migration.sql} ({@link DownFile#isStale}); its {@link Plan} lists
 * the tables and columns the downs drop, for the caller to confirm before {@link #apply}.
 */
public final class MigrateDown {
  private final DatabaseUrl url;
  private final Path migrationsDir;
  private final Runnable waitingForLock;

  private MigrateDown(DatabaseUrl url, Path migrationsDir, Runnable waitingForLock) {
    this.url = url;
    this.migrationsDir = migrationsDir;
    this.waitingForLock = waitingForLock;
  }

  /** @param waitingForLock called when another migration command holds the advisory lock and this one waits */
  public static MigrateDown of(DatabaseUrl url, Path migrationsDir, Runnable waitingForLock) {
    return new MigrateDown(Objects.requireNonNull(url, "url"), Objects.requireNonNull(migrationsDir, "migrationsDir"),
        Objects.requireNonNull(waitingForLock, "waitingForLock"));
  }

  /** Which migrations to undo: the last {@code steps} applied, or every one applied after {@code to}. */
  public record Target(int steps, Optional<String> to) {
    public Target {
      Objects.requireNonNull(to, "to");
    }

    public static Target last(int steps) {
      return new Target(steps, Optional.empty());
    }

    public static Target after(String name) {
      return new Target(0, Optional.of(name));
    }
  }

  /** One down migration to run: its migration's name and the {@code down.sql} text. */
  public record Step(String migration, String sql) {}

  /**
   * What undoing {@code target} would do: the downs, newest first, the data they drop (each with
   * the migration that drops it), or why nothing can be undone.
   */
  public record Plan(List<Step> steps, List<String> drops, Optional<String> refusal) {
    public Plan {
      steps = List.copyOf(steps);
      drops = List.copyOf(drops);
      Objects.requireNonNull(refusal, "refusal");
    }
  }

  /** Reads the history and the down files; changes nothing (the advisory lock is held while reading). */
  public Plan plan(Target target) {
    MigrationsDirectory directory = MigrationsDirectory.read(migrationsDir);
    try (Connection work = PgConnections.open(url)) {
      AdvisoryLock.acquire(work, DeployOptions.PRISMA_ADVISORY_LOCK_TIMEOUT, waitingForLock);
      return plan(work, HistoryStore.on(work, url.schema()), directory, target).plan();
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Closing the connection to " + url.masked() + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Runs the downs of {@code target}, newest first, marking each rolled back, after checking under
   * the advisory lock that the plan is still {@code expected}.
   *
   * @param rolledBack called after each migration is rolled back
   * @throws StrataException ({@code INVALID_INPUT}, nothing changed) when the plan changed or refuses
   */
  public List<String> apply(Target target, Plan expected, java.util.function.Consumer<String> rolledBack) {
    MigrationsDirectory directory = MigrationsDirectory.read(migrationsDir);
    // The lock on the working session itself (see AdvisoryLock): released only when its work has ended.
    try (Connection work = PgConnections.open(url)) {
      AdvisoryLock.acquire(work, DeployOptions.PRISMA_ADVISORY_LOCK_TIMEOUT, waitingForLock);
      HistoryStore store = HistoryStore.on(work, url.schema());
      Planned planned = plan(work, store, directory, target);
      if (!planned.plan().equals(expected)) {
        throw new StrataException(ErrorCode.INVALID_INPUT,
            "The applied migrations or their down.sql changed since the rollback was previewed; nothing was changed: preview it again.");
      }
      if (planned.plan().refusal().isPresent()) {
        throw new StrataException(ErrorCode.INVALID_INPUT, planned.plan().refusal().get());
      }
      List<String> done = new ArrayList<>();
      MigrationReplayer replayer = MigrationReplayer.on(work);
      for (int i = 0; i < planned.undo().size(); i++) {
        MigrationFolder folder = planned.downs().get(i);
        try {
          replayer.apply(folder.name() + " (down)", folder.path().resolve(MigrationFolder.DOWN_FILE), folder.downSql().get());
        } catch (MigrationFailedException e) {
          throw new StrataException(ErrorCode.DATABASE, "The down migration of `" + folder.name() + "` failed"
              + (done.isEmpty() ? "" : " (already rolled back: " + String.join(", ", done) + ")") + ":\n" + e.failure().message(), e);
        }
        store.markRolledBack(planned.undo().get(i).id());
        done.add(folder.name());
        rolledBack.accept(folder.name());
      }
      return done;
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Closing the connection to " + url.masked() + " failed: " + e.getMessage(), e);
    }
  }

  private record Planned(Plan plan, List<MigrationRecord> undo, List<MigrationFolder> downs) {}

  private Planned plan(Connection work, HistoryStore store, MigrationsDirectory directory, Target target) {
    // the applied migrations in the order they were applied, one row each (the latest counts)
    Map<String, MigrationRecord> applied = new LinkedHashMap<>();
    for (MigrationRecord row : store.list()) {
      if (row.isApplied()) {
        applied.remove(row.migrationName());
        applied.put(row.migrationName(), row);
      }
    }
    List<MigrationRecord> order = new ArrayList<>(applied.values());
    List<MigrationRecord> undo = select(order, target);
    // Everything is checked before anything runs.
    List<MigrationFolder> downs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> drops = new ArrayList<>();
    for (MigrationRecord row : undo) {
      Optional<MigrationFolder> folder = directory.folder(row.migrationName());
      if (folder.isEmpty()) {
        problems.add("`" + row.migrationName() + "`: its folder is not in " + migrationsDir);
      } else if (folder.get().hasErrors()) {
        folder.get().problems().stream().filter(Diagnostic::isError)
            .forEach(d -> problems.add("`" + row.migrationName() + "`: " + d.message()));
      } else if (folder.get().downSql().isEmpty()) {
        problems.add("`" + row.migrationName() + "`: it has no down.sql");
      } else {
        String downSql = folder.get().downSql().get();
        Optional<String> reason = DownFile.irreversibleReason(downSql);
        String sql = folder.get().sql().orElse("");
        if (reason.isPresent()) {
          problems.add("`" + row.migrationName() + "`: its down.sql is marked irreversible (" + reason.get() + ")");
        } else if (DownFile.isStale(downSql, sql)) {
          problems.add("`" + row.migrationName() + "`: its down.sql was written before its migration.sql was edited, so it may not"
              + " undo all of it. Edit down.sql so that it undoes what migration.sql does now, then replace its line `"
              + DownFile.WRITTEN_FOR + DownFile.writtenFor(downSql).orElseThrow() + "` with `" + DownFile.writtenForLine(sql) + "`");
        } else {
          downs.add(folder.get());
          DownFile.destroys(folder.get().downSql().get()).forEach(d -> drops.add(d + " (by " + row.migrationName() + ")"));
        }
      }
    }
    if (!problems.isEmpty()) {
      List<Step> steps = undo.stream().map(r -> new Step(r.migrationName(), "")).toList();
      return new Planned(new Plan(steps, List.of(),
          Optional.of("Cannot roll back; nothing was changed:\n  " + String.join("\n  ", problems))), undo, List.of());
    }
    List<Step> steps = downs.stream().map(f -> new Step(f.name(), f.downSql().get())).toList();
    return new Planned(new Plan(steps, drops, Optional.empty()), undo, downs);
  }

  private static List<MigrationRecord> select(List<MigrationRecord> order, Target target) {
    List<MigrationRecord> out = new ArrayList<>();
    if (target.to().isPresent()) {
      String name = target.to().get();
      int at = -1;
      for (int i = 0; i < order.size(); i++) {
        if (order.get(i).migrationName().equals(name)) {
          at = i;
        }
      }
      if (at < 0) {
        throw new StrataException(ErrorCode.USAGE, "--to " + name + ": no applied migration has that name.");
      }
      for (int i = order.size() - 1; i > at; i--) {
        out.add(order.get(i));
      }
      return out;
    }
    if (target.steps() < 1) {
      throw new StrataException(ErrorCode.USAGE, "--steps must be at least 1.");
    }
    for (int i = order.size() - 1; i >= 0 && out.size() < target.steps(); i--) {
      out.add(order.get(i));
    }
    return out;
  }
}
