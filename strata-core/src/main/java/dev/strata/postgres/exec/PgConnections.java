package dev.strata.postgres.exec;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens JDBC connections from Prisma-style URLs, with clear, password-free errors. */
public final class PgConnections {
  private PgConnections() {}

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
