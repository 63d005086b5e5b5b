package dev.strata.migrate.history;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import dev.strata.postgres.PgIdentifiers;
import dev.strata.postgres.exec.PgTransaction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Prisma's migration history table, {@code _prisma_migrations}, in one schema of one database:
 * created with Prisma's exact DDL, read in Prisma's order ({@code started_at}), and written with
 * Prisma's row lifecycle, so that Prisma reads what Strata writes and the other way round.
 *
 * <p>Every statement names the table with its schema, so a migration that changes {@code
 * search_path} cannot send the bookkeeping elsewhere. Timestamps come from the database's clock
 * ({@code clock_timestamp()}), so that histories written from several machines stay ordered.
 */
public final class HistoryStore {
  /** The table's name, as Prisma creates it (unquoted, hence lower case). */
  public static final String TABLE = "_prisma_migrations";

  private final Connection connection;
  private final String schema;
  private final String table;

  private HistoryStore(Connection connection, String schema) {
    this.connection = connection;
    this.schema = schema;
    this.table = PgIdentifiers.quote(schema) + "." + TABLE;
  }

  /** The history in {@code schema} (the URL's {@code ?schema=}, default {@code public}) on {@code connection} (autocommit). */
  public static HistoryStore on(Connection connection, String schema) {
    return new HistoryStore(Objects.requireNonNull(connection, "connection"), Objects.requireNonNull(schema, "schema"));
  }

  /** The schema the table lives in. */
  public String schema() {
    return schema;
  }

  /** The schema-qualified, quoted table name. */
  public String qualifiedTable() {
    return table;
  }

  /** Whether the table exists. */
  public boolean exists() {
    return database("read the migration history", () -> hasRow(sql("table-exists"), schema));
  }

  /** Whether the schema exists. */
  public boolean schemaExists() {
    return database("read the migration history", () -> hasRow(sql("schema-exists"), schema));
  }

  /**
   * Up to five tables that make the schema non-empty for Prisma's baseline rule (P3005): any
   * table except those an extension owns (PostGIS's {@code spatial_ref_sys}).
   */
  public List<String> userTables() {
    return database("inspect the schema", () -> {
      List<String> names = new ArrayList<>();
      try (PreparedStatement query = connection.prepareStatement(sql("user-tables"))) {
        query.setString(1, schema);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            names.add(rows.getString(1));
          }
        }
      }
      return List.copyOf(names);
    });
  }

  /**
   * Creates the schema when it is missing and the table with Prisma's DDL (verbatim, placed in the
   * schema through {@code search_path}, as Prisma's unqualified name lands there).
   */
  public void create() {
    database("create the migration history table", () -> {
      String createTable = sql("create-table");
      PgTransaction.run(connection, statement -> {
        statement.execute("CREATE SCHEMA IF NOT EXISTS " + PgIdentifiers.quote(schema));
        statement.execute("SET LOCAL search_path TO " + PgIdentifiers.quote(schema));
        statement.execute(createTable);
      });
      return null;
    });
  }

  /** Every row, ordered by {@code started_at} as Prisma reads them (empty when the table is missing). */
  public List<MigrationRecord> list() {
    if (!exists()) {
      return List.of();
    }
    return database("read the migration history", () -> {
      List<MigrationRecord> records = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(sql("list"))) {
        while (rows.next()) {
          records.add(new MigrationRecord(
              Objects.requireNonNullElse(rows.getString(1), ""),
              Objects.requireNonNullElse(rows.getString(2), ""),
              instant(rows, 3),
              Objects.requireNonNullElse(rows.getString(4), ""),
              Optional.ofNullable(rows.getString(5)),
              instant(rows, 6),
              instant(rows, 7).orElse(Instant.EPOCH),
              rows.getInt(8)));
        }
      }
      return List.copyOf(records);
    });
  }

  /** Prisma's start of a migration: inserts an unfinished row (committed at once) and returns it. */
  public MigrationRecord insertStarted(String migrationName, String checksum) {
    String id = UUID.randomUUID().toString();
    return database("record the start of migration `" + migrationName + "`", () -> {
      try (PreparedStatement insert = connection.prepareStatement(sql("insert-started"))) {
        insert.setString(1, id);
        insert.setString(2, checksum);
        insert.setString(3, migrationName);
        try (ResultSet rows = insert.executeQuery()) {
          rows.next();
          Instant started = instant(rows, 1).orElse(Instant.EPOCH);
          return new MigrationRecord(id, checksum, Optional.empty(), migrationName, Optional.empty(), Optional.empty(), started, 0);
        }
      }
    });
  }

  /**
   * The row of a migration applied in one transaction, as one SQL statement with its values
   * inlined, to run last in that transaction: Prisma's started-then-finished row (started when the
   * transaction began, finished now, one applied step, no logs), written in one statement, and
   * existing exactly when the migration's changes do.
   */
  public String insertFinishedStatement(String id, String checksum, String migrationName) {
    return sqlUnchecked("insert-finished-inline").strip()
        .replace("$1", literal(id)).replace("$2", literal(checksum)).replace("$3", literal(migrationName));
  }

  /** Prisma's failed row (unfinished, with logs), for a migration whose started row was rolled back with it. */
  public void insertFailed(String id, String checksum, String migrationName, String logs) {
    update("record a failed migration", "insert-failed", id, checksum, migrationName, logs);
  }

  /**
   * The statement that marks a started row finished (one more applied step, {@code finished_at}
   * now), as SQL text with the id inlined, so that it can run inside the migration's own
   * transaction: the row then becomes finished exactly when the migration's changes commit.
   */
  public String finishStatement(String id) {
    return sqlUnchecked("finish").replace("?", literal(id));
  }

  /** Marks a started row finished, on its own (for a migration whose last statement ran outside a transaction). */
  public void markFinished(String id) {
    update("record a finished migration", "finish", id);
  }

  /** Prisma's failed state: the row keeps {@code finished_at} NULL and gets the failure's logs. */
  public void markFailed(String id, String logs) {
    update("record a failed migration", "fail", logs, id);
  }

  /** Sets {@code rolled_back_at} on a row. */
  public void markRolledBack(String id) {
    update("mark a migration rolled back", "roll-back", id);
  }

  /** Removes the started (unfinished) row {@code id} of a migration of which nothing was committed. */
  public void delete(String id) {
    update("remove the started row of a migration that was not applied", "delete", id);
  }

  /** {@code resolve --applied}'s row: started and finished now, empty logs, no applied steps. */
  public void insertApplied(String migrationName, String checksum) {
    update("mark migration `" + migrationName + "` applied", "insert-applied", UUID.randomUUID().toString(), checksum, migrationName);
  }

  private void update(String what, String query, String... params) {
    database(what, () -> {
      try (PreparedStatement statement = connection.prepareStatement(sql(query))) {
        for (int i = 0; i < params.length; i++) {
          statement.setString(i + 1, params[i]);
        }
        statement.executeUpdate();
      }
      return null;
    });
  }

  private boolean hasRow(String query, String param) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setString(1, param);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static Optional<Instant> instant(ResultSet rows, int column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private String sql(String name) throws SQLException {
    try {
      return sqlUnchecked(name);
    } catch (IllegalStateException e) {
      throw new SQLException(e.getMessage(), e);
    }
  }

  private String sqlUnchecked(String name) {
    return QUERIES.computeIfAbsent(name, HistoryStore::readQuery).replace("${table}", table);
  }

  /** The queries, read once per process: a deploy runs two of them per migration. */
  private static final java.util.Map<String, String> QUERIES = new java.util.concurrent.ConcurrentHashMap<>();

  private static String readQuery(String name) {
    try (InputStream in = HistoryStore.class.getResourceAsStream(name + ".sql")) {
      if (in == null) {
        throw new IllegalStateException("query " + name + ".sql is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read query " + name + ".sql", e);
    }
  }

  /** A database action whose SQL failures become one clear, password-free {@link StrataException}. */
  @FunctionalInterface
  private interface Action<T> {
    T run() throws SQLException;
  }

  private static <T> T database(String what, Action<T> action) {
    try {
      return action.run();
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "" : " [" + e.getSQLState() + "]";
      throw new StrataException(ErrorCode.DATABASE, "Could not " + what + ": " + DatabaseUrl.mask(String.valueOf(e.getMessage())) + state, e);
    }
  }
}
