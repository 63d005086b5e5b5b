package dev.strata.backup.dump;

import dev.strata.config.DatabaseUrl;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A URL as libpq's environment variables, for {@code pg_dump}/{@code pg_restore}: the password goes
 * in {@code PGPASSWORD}, never on a command line (which other users of the machine can read).
 */
public final class Libpq {
  private Libpq() {}

  /** The variables that make libpq connect where {@code url} points, to {@code database}. */
  public static Map<String, String> env(DatabaseUrl url, String database) {
    Map<String, String> env = new LinkedHashMap<>();
    if (url.socketDirectory().isPresent()) {
      env.put("PGHOST", url.socketDirectory().get());
      env.put("PGPORT", String.valueOf(url.port()));
    } else {
      env.put("PGHOST", url.hosts().stream().map(DatabaseUrl.Host::name).collect(Collectors.joining(",")));
      env.put("PGPORT", url.hosts().stream().map(h -> String.valueOf(h.port())).collect(Collectors.joining(",")));
    }
    env.put("PGDATABASE", database);
    url.user().ifPresent(u -> env.put("PGUSER", u));
    url.password().ifPresent(p -> env.put("PGPASSWORD", p));
    url.param("sslmode").ifPresent(v -> env.put("PGSSLMODE", "no-verify".equals(v) ? "require" : v));
    url.param("sslcert").ifPresent(v -> env.put("PGSSLCERT", v));
    url.param("sslkey").ifPresent(v -> env.put("PGSSLKEY", v));
    url.param("sslrootcert").ifPresent(v -> env.put("PGSSLROOTCERT", v));
    url.param("connect_timeout").ifPresent(v -> env.put("PGCONNECT_TIMEOUT", v));
    env.put("PGAPPNAME", "strata-backup");
    return env;
  }
}
