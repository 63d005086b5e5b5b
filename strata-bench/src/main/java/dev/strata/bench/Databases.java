package dev.strata.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh, uniquely named databases on the benchmark server, one per run, all sharing a prefix so
 * that whatever is left after a crash can be dropped by name ({@link #dropAll()}).
 */
public final class Databases {
  private final String host;
  private final int port;
  private final String user;
  private final String prefix;
  private final AtomicInteger counter = new AtomicInteger();

  public Databases(String host, int port, String user, String prefix) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** Creates a new empty database and returns its name. */
  public String create(String label) {
    String name = prefix + "_" + label.replaceAll("[^a-z0-9]+", "_") + "_" + counter.incrementAndGet();
    execute("CREATE DATABASE \"" + name + "\"");
    return name;
  }

  public void drop(String name) {
    execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
  }

  /** Drops every database whose name starts with this run's prefix. */
  public void dropAll() {
    List<String> names = new ArrayList<>();
    try (Connection c = admin(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE starts_with(datname, '" + prefix + "_')")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list databases: " + e.getMessage(), e);
    }
    names.forEach(this::drop);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=" + user;
  }

  /** The URL as Prisma, Strata, dbmate and node-pg-migrate take it. */
  public String url(String database) {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String user() {
    return user;
  }

  private void execute(String sql) {
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private Connection admin() throws SQLException {
    return DriverManager.getConnection(jdbcUrl("postgres"));
  }
}
