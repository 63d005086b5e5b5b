package dev.strata.cli.command.migrate;

import dev.strata.config.DatabaseUrl;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Words and figures the migrate commands print alike. */
final class MigrateText {
  private static final DateTimeFormatter APPLIED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private MigrateText() {}

  /** Prisma's first line: {@code N migrations found in prisma/migrations} (the real path, which is that one by default). */
  static String found(MigrateTarget target, int n) {
    if (n == 0) {
      return "No migration found in " + target.shownDirectory();
    }
    return n + " migration" + (n > 1 ? "s" : "") + " found in " + target.shownDirectory();
  }

  /**
   * Prisma's line naming the target database, {@code Datasource "db": PostgreSQL database "app",
   * schema "public" at "db.example.com:5432"}: never the user or the password. A Unix socket
   * directory is shown as the place; several hosts by the first.
   */
  static String datasource(MigrateTarget target) {
    DatabaseUrl url = target.url();
    return "Datasource \"" + target.datasourceName() + "\": PostgreSQL database \"" + url.databaseOrDefault() + "\", schema \""
        + url.schema() + "\" at \"" + location(url, target.portGiven()) + "\"";
  }

  /** The same facts for {@code --json}. */
  static Map<String, Object> datasourceJson(MigrateTarget target) {
    DatabaseUrl url = target.url();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", target.datasourceName());
    doc.put("provider", "postgresql");
    doc.put("database", url.databaseOrDefault());
    doc.put("schema", url.schema());
    doc.put("location", location(url, target.portGiven()));
    return doc;
  }

  /** The server as Prisma shows it: the first host with its port when the URL names one; a socket directory as it is. */
  static String location(DatabaseUrl url, boolean portGiven) {
    if (url.socketDirectory().isPresent()) {
      return url.socketDirectory().get();
    }
    DatabaseUrl.Host host = url.hosts().get(0);
    return portGiven ? host.toString() : (host.name().indexOf(':') >= 0 ? "[" + host.name() + "]" : host.name());
  }

  /** Whether the first host of a URL's text has a port ({@code host:5432}, {@code [::1]:5432}). */
  static boolean namesPort(String rawUrl) {
    int start = rawUrl.indexOf("://");
    String rest = start < 0 ? rawUrl : rawUrl.substring(start + 3);
    int end = rest.length();
    for (char stop : new char[] {'/', '?', '#'}) {
      int at = rest.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    String authority = rest.substring(0, end);
    String hosts = authority.substring(authority.lastIndexOf('@') + 1);
    String first = hosts.split(",", -1)[0];
    int bracket = first.lastIndexOf(']');
    int colon = first.lastIndexOf(':');
    return colon > bracket && colon < first.length() - 1;
  }

  /** {@code 12 ms}, {@code 1.3 s}, {@code 2 min 5 s}. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
  }

  /** An instant as {@code 2024-01-02 10:11:12 UTC}. */
  static String instant(Instant instant) {
    return APPLIED_AT.format(instant) + " UTC";
  }

  /**
   * A run of {@code migrate dev} or {@code reset} stopped by Ctrl-C ({@code INTERRUPTED}): what it
   * left, on standard error (a JSON document on stdout under {@code --json}); exit 130.
   */
  static int interrupted(dev.strata.cli.output.Terminal term, dev.strata.StrataException e, boolean json) {
    if (json) {
      Map<String, Object> doc = new java.util.LinkedHashMap<>();
      doc.put("ok", false);
      doc.put("interrupted", true);
      doc.put("message", e.getMessage());
      term.out().println(dev.strata.cli.output.Json.write(doc));
    } else {
      term.err().println(e.getMessage());
    }
    term.out().flush();
    term.err().flush();
    return dev.strata.cli.ExitCodes.INTERRUPTED;
  }
}
