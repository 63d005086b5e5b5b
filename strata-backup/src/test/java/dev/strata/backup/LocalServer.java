package dev.strata.backup;

import dev.strata.Strata;
import dev.strata.StrataEvent;
import dev.strata.backup.dump.PgClient;
import dev.strata.config.DatabaseUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the backup tests dump and restore: {@code STRATA_BACKUP_TEST_URL}, else the
 * local one at 127.0.0.1:5432 (user postgres, trust). pg_dump refuses a server newer than itself,
 * so the tests need a pg_dump whose major is at least the server's: when either is missing, they
 * say so and step aside (a visible skip), rather than pass without having run.
 */
final class LocalServer {
  static final String URL = Optional.ofNullable(System.getenv("STRATA_BACKUP_TEST_URL")).orElse("postgresql://postgres@127.0.0.1:5432/postgres");
  private static final SecureRandom RANDOM = new SecureRandom();

  private LocalServer() {}

  static DatabaseUrl server() {
    DatabaseUrl url = DatabaseUrl.parse(URL);
    int major;
    try (Connection c = connect(url.databaseOrDefault()); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
      r.next();
      major = r.getInt(1) / 10000;
    } catch (SQLException e) {
      Assumptions.abort("No PostgreSQL server for the backup tests at " + url.masked() + " (" + e.getMessage()
          + "); set STRATA_BACKUP_TEST_URL to run them.");
      throw new AssertionError();
    }
    boolean fits = PgClient.candidates(Optional.empty(), System.getenv()).stream().anyMatch(c -> c.major().orElse(0) >= major);
    Assumptions.assumeTrue(fits, "No pg_dump of PostgreSQL " + major + " or newer on this machine (the test server is " + major
        + "): the backup tests need PostgreSQL's own client, e.g. apt-get install postgresql-client-" + major + ".");
    return url;
  }

  /** A new, empty database on the test server; the test drops it. */
  static String createDatabase(String prefix) {
    String name = prefix + "_" + HexFormat.of().formatHex(bytes(4));
    execute(DatabaseUrl.parse(URL).databaseOrDefault(), "CREATE DATABASE " + name);
    return name;
  }

  static void dropDatabase(String name) {
    execute(DatabaseUrl.parse(URL).databaseOrDefault(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** Every database on the server whose name starts with {@code prefix}. */
  static List<String> databases(String prefix) {
    List<String> names = new ArrayList<>();
    try (Connection c = connect(DatabaseUrl.parse(URL).databaseOrDefault()); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + prefix + "%'")) {
      while (r.next()) {
        names.add(r.getString(1));
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    return names;
  }

  static void execute(String database, String sql) {
    try (Connection c = connect(database); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  static String value(String database, String sql) {
    try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : null;
    } catch (SQLException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  static Connection connect(String database) throws SQLException {
    DatabaseUrl url = DatabaseUrl.parse(URL).withDatabase(database);
    return DriverManager.getConnection(url.toJdbcUrl(), url.toJdbcProperties());
  }

  /** A Strata on {@code database} of the test server, its events collected in {@code events}. */
  static Strata strata(String database, List<StrataEvent> events) {
    return Strata.of(Strata.configure().url(DatabaseUrl.parse(URL).withDatabase(database)).listener(events::add).build());
  }

  /**
   * A folder {@code bin} in {@code dir} whose {@code pg_dump} runs the real one as the shell script
   * {@code body} says ({@code "%1$s"} in it is the real client's folder; {@code --version} always
   * goes to the real one), beside the real {@code pg_restore}: a pg_dump to kill midway.
   */
  static Path pgDumpWrapper(Path dir, String body) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path realBin = PgClient.candidates(Optional.empty(), System.getenv()).get(0).bin();
    Path dump = bin.resolve("pg_dump");
    Files.writeString(dump, ("#!/bin/sh\nif [ \"$1\" = \"--version\" ]; then exec \"%1$s/pg_dump\" --version; fi\n" + body)
        .formatted(realBin));
    dump.toFile().setExecutable(true);
    Files.createSymbolicLink(bin.resolve("pg_restore"), realBin.resolve("pg_restore"));
    return bin;
  }

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
