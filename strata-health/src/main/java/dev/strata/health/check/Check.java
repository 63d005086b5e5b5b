package dev.strata.health.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * One health check: a small class with its SQL in a {@code .sql} resource beside it, named after
 * the check's id ({@code fk-without-index.sql}). Thresholds have defaults here and can be changed
 * in {@code strata.toml} ({@code [health.fk-without-index]}).
 */
public abstract class Check {
  /** The stable id: {@code --check}, {@code strata.toml} and the metrics use it. */
  public abstract String id();

  /** What the check looks at, in a few words. */
  public abstract String title();

  /** The thresholds and their defaults; {@code strata.toml} may change any of them. */
  public Map<String, Double> defaults() {
    return Map.of();
  }

  /**
   * A predefined role without which the check cannot see what it needs ({@code pg_read_all_stats}
   * to see other sessions): the check is then skipped, naming it. Superusers have them all.
   */
  public Optional<String> needsRole() {
    return Optional.empty();
  }

  /** Runs the check. SQL errors are turned into skips (privileges) or errors by the runner. */
  public abstract Finding run(CheckContext ctx) throws SQLException;

  /** The check's SQL: the resource {@code <id>.sql} beside this class. */
  protected final String sql() {
    return sql(id());
  }

  /** Another SQL resource of the check ({@code <name>.sql}). */
  protected final String sql(String name) {
    String resource = name + ".sql";
    try (InputStream in = Check.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Quotes an identifier for the fix SQL shown to the user. */
  protected static String ident(String name) {
    return dev.strata.postgres.PgIdentifiers.quote(name);
  }

  /** {@code schema.table}, quoted. */
  protected static String qualified(String schema, String name) {
    return ident(schema) + "." + ident(name);
  }
}
