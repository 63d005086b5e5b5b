package dev.strata.postgres.exec;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Opens JDBC connections from Prisma-style URLs, with clear, password-free errors. */
public final class PgConnections {
  /** The driver classes every connection and query needs; loading one links the classes it uses. */
  private static final List<String> DRIVER_CLASSES = List.of(
      "org.postgresql.Driver",
      "org.postgresql.jdbc.PgConnection",
      "org.postgresql.core.v3.ConnectionFactoryImpl",
      "org.postgresql.core.v3.QueryExecutorImpl",
      "org.postgresql.core.PGStream",
      "org.postgresql.core.Parser",
      "org.postgresql.core.v3.SimpleQuery",
      "org.postgresql.core.v3.CompositeQuery",
      "org.postgresql.jdbc.PgStatement",
      "org.postgresql.jdbc.PgPreparedStatement",
      "org.postgresql.jdbc.PgResultSet");

  private PgConnections() {}

  /**
   * Loads and initializes the JDBC driver's classes ahead of the first connection. A cold CLI
   * calls this on a second thread while it parses its command line, so that the two overlap
   * (about 0.05 s of class loading). Returns the names it could not load: none, unless the driver
   * changed (a test keeps the list true).
   */
  public static List<String> preload() {
    List<String> missing = new ArrayList<>();
    ClassLoader loader = PgConnections.class.getClassLoader();
    for (String name : DRIVER_CLASSES) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        missing.add(name);
      }
    }
    return missing;
  }

  public static Connection open(DatabaseUrl url) {
    Properties props = url.toJdbcProperties();
    props.putIfAbsent("ApplicationName", "strata");
    props.putIfAbsent("connectTimeout", "10");
    try {
      return DriverManager.getConnection(url.toJdbcUrl(), props);
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "" : " [" + e.getSQLState() + "]";
      throw new StrataException(
          ErrorCode.DATABASE,
          "Could not connect to " + url.masked() + ": " + DatabaseUrl.mask(String.valueOf(e.getMessage())) + state,
          e);
    }
  }
}
