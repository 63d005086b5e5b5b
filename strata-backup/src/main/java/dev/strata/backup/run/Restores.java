package dev.strata.backup.run;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.StrataListener;
import dev.strata.backup.dump.ClientProcess;
import dev.strata.backup.dump.CopyProgress;
import dev.strata.backup.dump.Libpq;
import dev.strata.backup.dump.PgClient;
import dev.strata.backup.dump.TableStats;
import dev.strata.backup.manifest.Manifest;
import dev.strata.config.DatabaseUrl;
import dev.strata.postgres.PgIdentifiers;
import dev.strata.postgres.exec.PgConnections;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** pg_restore into a database, databases created and dropped for it, and the check of what was restored. */
public final class Restores {
  private Restores() {}

  /**
   * Runs {@code pg_restore} of {@code data} into {@code database} on {@code server}, stopping at
   * the first error ({@code --exit-on-error}: without it pg_restore goes on and only counts them).
   *
   * @param clean drop the archive's objects first ({@code --clean --if-exists})
   * @param contentOnly skip owners and privileges (a scratch copy, where the roles may not exist)
   */
  public static void restore(PgClient client, DatabaseUrl server, String database, Path data, int jobs, boolean clean, boolean contentOnly,
      List<Manifest.TableEntry> tables, StrataListener listener) {
    run(client, server, database, data, null, jobs, clean, contentOnly, tables, listener);
  }

  /**
   * Like {@link #restore(PgClient, DatabaseUrl, String, Path, int, boolean, boolean, int, StrataListener)}
   * from a custom-format archive read as a stream (from object storage, with no local copy) on
   * pg_restore's standard input: one job, since pg_restore cannot restore in parallel from a stream.
   */
  public static void restore(PgClient client, DatabaseUrl server, String database, InputStream archive, boolean clean, boolean contentOnly,
      List<Manifest.TableEntry> tables, StrataListener listener) {
    run(client, server, database, null, archive, 1, clean, contentOnly, tables, listener);
  }

  private static void run(PgClient client, DatabaseUrl server, String database, Path data, InputStream archive, int jobs, boolean clean,
      boolean contentOnly, List<Manifest.TableEntry> tables, StrataListener listener) {
    List<String> command = new ArrayList<>(List.of(client.pgRestore().toString(), "--verbose", "--no-password", "--exit-on-error",
        "--dbname=" + database, "--jobs=" + Math.max(1, jobs)));
    if (clean) {
      command.add("--clean");
      command.add("--if-exists");
    }
    if (contentOnly) {
      command.add("--no-owner");
      command.add("--no-privileges");
    }
    if (data != null) {
      command.add(data.toString());
    }
    Dumps.Progress progress = new Dumps.Progress(listener, tables.size(), data == null ? 1 : jobs, "restored");
    if (tables.stream().allMatch(t -> t.bytes() != null)) {
      progress.sizes(tables.stream().collect(java.util.stream.Collectors.toMap(t -> t.schema() + "." + t.name(),
          t -> new Dumps.Progress.Weight(t.bytes(), t.rows() != null ? t.rows() : t.estimatedRows() != null ? t.estimatedRows() : 0),
          (x, y) -> x, java.util.LinkedHashMap::new)));
    }
    ClientProcess.Outcome outcome;
    try (CopyProgress copying = CopyProgress.watch(server.withDatabase(database), 1000, progress::copied)) {
      outcome = ClientProcess.run(command, Libpq.env(server, database), line -> {
        int at = line.indexOf("processing data for table ");
        if (at >= 0) {
          progress.table(line.substring(at + "processing data for table ".length()).replace("\"", ""));
        }
        progress.line(line);
      }, archive, null);
    }
    if (!outcome.ok()) {
      throw new StrataException(ErrorCode.DATABASE, "pg_restore into " + database + " failed (exit code " + outcome.exitCode() + "):\n"
          + outcome.errors());
    }
    progress.finished();
  }

  /** Whether {@code database} exists on {@code server}'s server. */
  public static boolean exists(DatabaseUrl server, String database) {
    try (Connection connection = PgConnections.open(server);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "''") + "'")) {
      return row.next();
    } catch (SQLException e) {
      throw database(e);
    }
  }

  /** Creates an empty database (from {@code template0}) on {@code server}'s server. */
  public static void createDatabase(DatabaseUrl server, String database) {
    execute(server, "CREATE DATABASE " + PgIdentifiers.quote(database) + " TEMPLATE template0");
  }

  /** Drops a database Strata created, closing its sessions. */
  public static void dropDatabaseQuietly(DatabaseUrl server, String database) {
    try {
      execute(server, "DROP DATABASE IF EXISTS " + PgIdentifiers.quote(database) + " WITH (FORCE)");
    } catch (RuntimeException ignored) {
      // Best effort: the name is unique, and the caller reports the first error.
    }
  }

  private static void execute(DatabaseUrl server, String sql) {
    try (Connection connection = PgConnections.open(server); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw database(e);
    }
  }

  /** The tables of {@code database} with their row counts (no hash): what a restore over it replaces. */
  public static List<TableStats.Table> counts(DatabaseUrl server, String database, int jobs) {
    return TableStats.read(server.withDatabase(database), Optional.empty(), false, jobs);
  }

  /** What a restore of a {@code --no-hash} backup cannot prove, said wherever its result is shown. */
  public static final String NOT_COMPARED = "the content was not compared: the backup was taken with --no-hash, so its manifest holds"
      + " no exact row counts or content hashes (only the tables present were checked; the restored row counts are recorded)";

  /** What cannot be compared for {@code manifest}, if anything. */
  public static Optional<String> limitation(Manifest manifest) {
    return manifest.exactRows() ? Optional.empty() : Optional.of(NOT_COMPARED);
  }

  /**
   * Every difference between the manifest's tables and what a restored database holds: for a
   * manifest without exact row counts ({@code --no-hash}), only tables missing or added.
   */
  public static List<String> compare(Manifest manifest, List<TableStats.Table> restored) {
    Map<String, TableStats.Table> byName = new LinkedHashMap<>();
    restored.forEach(t -> byName.put(t.qualified(), t));
    List<String> problems = new ArrayList<>();
    for (Manifest.TableEntry expected : manifest.tables()) {
      String name = expected.schema() + "." + expected.name();
      TableStats.Table actual = byName.remove(name);
      if (actual == null) {
        problems.add("table " + name + " is missing after the restore");
        continue;
      }
      if (expected.rows() == null) {
        continue;
      }
      if (actual.rows() != expected.rows()) {
        problems.add("table " + name + ": " + actual.rows() + " rows restored, the manifest says " + expected.rows());
      } else if (expected.hash() != null && actual.hash().isPresent() && !expected.hash().equals(actual.hash().get())) {
        problems.add("table " + name + ": the content hash differs from the manifest's (same row count, different rows)");
      }
    }
    byName.keySet().forEach(name -> problems.add("table " + name + " was restored but is not in the manifest"));
    return problems;
  }

  static StrataException database(SQLException e) {
    return new StrataException(ErrorCode.DATABASE, DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
  }
}
