package dev.strata.migrate.dev;

import dev.strata.DevConsole;
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
 * for an earlier version of {@code migration.sql} ({@link DownFile#isStale}), and asks
 * before running downs that drop tables or columns.
 */
public final class MigrateDown {
  private final DatabaseUrl url;
  private final Path migrationsDir;
  private final DevConsole console;

  private MigrateDown(DatabaseUrl url, Path migrationsDir, DevConsole console) {
    this.url = url;
    this.migrationsDir = migrationsDir;
    this.console = console;
  }

  public static MigrateDown of(DatabaseUrl url, Path migrationsDir, DevConsole console) {
    return new MigrateDown(Objects.requireNonNull(url, "url"), Objects.requireNonNull(migrationsDir, "migrationsDir"),
        Objects.requireNonNull(console, "console"));
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

  /** What was undone (newest first), or why nothing was. */
  public record Result(List<String> rolledBack, Optional<String> refusal) {
    public Result {
      rolledBack = List.copyOf(rolledBack);
      Objects.requireNonNull(refusal, "refusal");
    }
  }

  /** Undoes the migrations of {@code target}; {@code force} skips the confirmation for dropped data. */
  public Result run(Target target, boolean force) {
    MigrationsDirectory directory = MigrationsDirectory.read(migrationsDir);
    // The lock on the working session itself (see AdvisoryLock): released only when its work has ended.
    try (Connection work = PgConnections.open(url)) {
      AdvisoryLock.acquire(work, DeployOptions.PRISMA_ADVISORY_LOCK_TIMEOUT,
          () -> console.say("Waiting for another migration command to release the advisory lock…"));
      HistoryStore store = HistoryStore.on(work, url.schema());
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
      if (undo.isEmpty()) {
        console.say("No applied migration to roll back.");
        return new Result(List.of(), Optional.empty());
      }
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
        return new Result(List.of(), Optional.of("Cannot roll back; nothing was changed:\n  " + String.join("\n  ", problems)));
      }
      console.say("Rolling back, newest first: " + String.join(", ", undo.stream().map(MigrationRecord::migrationName).toList()));
      if (!drops.isEmpty()) {
        console.say("This drops data:");
        drops.forEach(d -> console.say("  - " + d));
        if (!force && !(console.interactive() && console.confirm("Roll back and drop these?"))) {
          return new Result(List.of(), Optional.of(console.interactive()
              ? "Rollback cancelled: nothing was changed."
              : "The rollback drops data (listed above). Nothing was changed: this shell is non-interactive. Run again with"
                  + " --force to go ahead."));
        }
      }
      List<String> done = new ArrayList<>();
      MigrationReplayer replayer = MigrationReplayer.on(work);
      for (int i = 0; i < undo.size(); i++) {
        MigrationFolder folder = downs.get(i);
        try {
          replayer.apply(folder.name() + " (down)", folder.path().resolve(MigrationFolder.DOWN_FILE), folder.downSql().get());
        } catch (MigrationFailedException e) {
          throw new StrataException(ErrorCode.DATABASE, "The down migration of `" + folder.name() + "` failed"
              + (done.isEmpty() ? "" : " (already rolled back: " + String.join(", ", done) + ")") + ":\n" + e.failure().message(), e);
        }
        store.markRolledBack(undo.get(i).id());
        done.add(folder.name());
        console.say("Rolled back `" + folder.name() + "`");
      }
      return new Result(done, Optional.empty());
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Closing the connection to " + url.masked() + " failed: " + e.getMessage(), e);
    }
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
