package dev.strata.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Administrative SQL shared by every {@link PostgresServer} (package-private helper). */
final class ServerOps {
  /** The maintenance database administrative statements run in. */
  static final String MAINTENANCE_DATABASE = "postgres";

  private ServerOps() {}

  static Connection connect(PostgresServer server, String database) {
    Properties props = new Properties();
    props.setProperty("ApplicationName", "strata");
    props.setProperty("connectTimeout", "10");
    try {
      return DriverManager.getConnection(server.jdbcUrl(database), props);
    } catch (SQLException e) {
      throw new EmbeddedPostgresException(
          "Could not connect to database \"" + database + "\" on " + describe(server) + ": " + e.getMessage(), e);
    }
  }

  static void execute(PostgresServer server, String sql) {
    try (Connection c = connect(server, MAINTENANCE_DATABASE);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new EmbeddedPostgresException(
          "PostgreSQL on " + describe(server) + " rejected `" + sql + "`: " + e.getMessage(), e);
    }
  }

  static void createDatabase(PostgresServer server, String name, String template) {
    execute(server, "CREATE DATABASE " + DatabaseNames.quote(name) + " TEMPLATE " + DatabaseNames.quote(template));
  }

  static void dropDatabase(PostgresServer server, String name) {
    // WITH (FORCE) (PostgreSQL 13+) ends sessions a test forgot to close instead of failing.
    execute(server, "DROP DATABASE IF EXISTS " + DatabaseNames.quote(name) + " WITH (FORCE)");
  }

  static boolean databaseExists(PostgresServer server, String name) {
    DatabaseNames.requireValid(name);
    String sql = "SELECT 1 FROM pg_database WHERE datname = " + DatabaseNames.literal(name);
    try (Connection c = connect(server, MAINTENANCE_DATABASE);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next();
    } catch (SQLException e) {
      throw new EmbeddedPostgresException("Could not list databases on " + describe(server) + ": " + e.getMessage(), e);
    }
  }

  /** {@code SHOW server_version} and {@code server_version_num}. */
  static String[] versions(PostgresServer server) {
    try (Connection c = connect(server, MAINTENANCE_DATABASE);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT current_setting('server_version'), current_setting('server_version_num')")) {
      rs.next();
      return new String[] {rs.getString(1), rs.getString(2)};
    } catch (SQLException e) {
      throw new EmbeddedPostgresException("Could not read the version of " + describe(server) + ": " + e.getMessage(), e);
    }
  }

  static int major(String versionNum) {
    try {
      return Integer.parseInt(versionNum.trim()) / 10000;
    } catch (NumberFormatException e) {
      throw new EmbeddedPostgresException("Unexpected server_version_num \"" + versionNum + "\".", e);
    }
  }

  static String describe(PostgresServer server) {
    return server.host() + ":" + server.port();
  }
}
