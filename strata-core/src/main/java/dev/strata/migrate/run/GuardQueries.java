package dev.strata.migrate.run;

import dev.strata.BlockingSession;
import dev.strata.DeployPreflight;
import dev.strata.migrate.MigrationFolder;
import dev.strata.migrate.SqlStatement;
import dev.strata.migrate.dev.DownFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The guarded deploy's queries: the {@link DeployPreflight} of the pending migrations (server facts
 * and the sessions holding locks on the relations they name) and the sessions a waiting backend is
 * blocked by ({@code pg_blocking_pids()}). The SQL is in the {@code .sql} files beside this class.
 */
public final class GuardQueries {
  /** A session holding locks whose transaction is at least this old counts as long-running in the preflight. */
  public static final Duration LONG_RUNNING = Duration.ofSeconds(1);

  private static final String SERVER = sql("preflight-server");
  private static final String LOCK_HOLDERS = sql("preflight-lock-holders");
  private static final String BLOCKING = sql("blocking-sessions");
  private static final String EXISTING = "SELECT n FROM unnest(?::text[]) AS n WHERE to_regclass(n) IS NOT NULL";

  private GuardQueries() {}

  /**
   * The preflight of {@code pending} on the database {@code connection} is connected to (its search
   * path resolves the names). Each migration's relations are those its statements name that exist
   * now; on a database without user tables (a first deploy) none can, and the statements are not
   * read for names at all.
   */
  public static DeployPreflight preflight(Connection connection, List<MigrationFolder> pending) throws SQLException {
    long bytes;
    int connections;
    int max;
    int reserved;
    boolean userTables;
    try (PreparedStatement statement = connection.prepareStatement(SERVER); ResultSet rows = statement.executeQuery()) {
      rows.next();
      bytes = rows.getLong(1);
      connections = rows.getInt(2);
      max = rows.getInt(3);
      reserved = rows.getInt(4);
      userTables = rows.getBoolean(5);
    }
    List<List<String>> namedBy = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    Set<String> named = new LinkedHashSet<>();
    for (MigrationFolder folder : pending) {
      List<SqlStatement> statements = folder.statements();
      List<String> names = userTables ? TouchedRelations.of(statements) : List.of();
      namedBy.add(names);
      counts.add(statements.size());
      named.addAll(names);
    }
    Set<String> relations = named.isEmpty() ? Set.of() : existing(connection, named);
    List<DeployPreflight.Migration> migrations = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      MigrationFolder folder = pending.get(i);
      migrations.add(new DeployPreflight.Migration(folder.name(), counts.get(i), down(folder),
          namedBy.get(i).stream().filter(relations::contains).toList(), Optional.empty()));
    }
    List<BlockingSession> holders = new ArrayList<>();
    if (!relations.isEmpty()) {
      try (PreparedStatement statement = connection.prepareStatement(LOCK_HOLDERS)) {
        Array names = connection.createArrayOf("text", relations.toArray());
        statement.setArray(1, names);
        statement.setDouble(2, LONG_RUNNING.toMillis() / 1000.0);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            String[] held = (String[]) rows.getArray(6).getArray();
            holders.add(session(rows, List.of(held)));
          }
        }
      }
    }
    DeployPreflight preflight = new DeployPreflight(migrations, bytes, connections, max, reserved, holders);
    // nothing can be locked or lost on a database without user tables: lint says so without asking again
    return userTables ? preflight : preflight.withLint(migrations, Optional.of(DeployPreflight.LINT_SKIPPED_EMPTY), false);
  }

  /** Those of {@code names} that resolve to a relation now, on the session's search path. */
  private static Set<String> existing(Connection connection, Set<String> names) throws SQLException {
    Set<String> found = new LinkedHashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(EXISTING)) {
      statement.setArray(1, connection.createArrayOf("text", names.toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(rows.getString(1));
        }
      }
    }
    return found;
  }

  /** The sessions backend {@code pid} is waiting for now (empty when it waits for none). */
  public static List<BlockingSession> blocking(Connection connection, int pid) throws SQLException {
    List<BlockingSession> found = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(BLOCKING)) {
      statement.setInt(1, pid);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(session(rows, List.of()));
        }
      }
    }
    return found;
  }

  /** The backend process id of {@code connection}. */
  public static int backendPid(Connection connection) throws SQLException {
    java.util.OptionalInt known = dev.strata.postgres.exec.PgConnections.backendPid(connection); // from the startup: no round trip
    if (known.isPresent()) {
      return known.getAsInt();
    }
    try (PreparedStatement statement = connection.prepareStatement("SELECT pg_backend_pid()"); ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static BlockingSession session(ResultSet rows, List<String> relations) throws SQLException {
    return new BlockingSession(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getString(4),
        Duration.ofMillis(Math.max(0, Math.round(rows.getDouble(5) * 1000))), relations);
  }

  /** How {@code migrate dev} marked the folder's {@code down.sql}, if it has one. */
  static DeployPreflight.DownScript down(MigrationFolder folder) {
    if (folder.downSql().isEmpty()) {
      return DeployPreflight.DownScript.NONE;
    }
    String text = folder.downSql().get();
    if (text.lines().anyMatch(l -> l.startsWith(DownFile.IRREVERSIBLE))) {
      return DeployPreflight.DownScript.IRREVERSIBLE;
    }
    if (text.lines().anyMatch(l -> l.strip().equals(DownFile.VERIFIED))) {
      return folder.sql().map(sql -> DownFile.isStale(text, sql)).orElse(false)
          ? DeployPreflight.DownScript.STALE : DeployPreflight.DownScript.VERIFIED;
    }
    return DeployPreflight.DownScript.UNVERIFIED;
  }

  private static String sql(String name) {
    try (InputStream in = GuardQueries.class.getResourceAsStream(name + ".sql")) {
      if (in == null) {
        throw new IllegalStateException("query " + name + ".sql is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read query " + name + ".sql", e);
    }
  }
}
