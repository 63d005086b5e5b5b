package dev.strata.cli;

import dev.strata.ColdStart;
import dev.strata.config.DatabaseUrl;
import java.util.Optional;
import java.util.Set;

/** The process entry point of the {@code strata} executable. */
public final class Main {
  /** Commands that connect to a database; the first argument of their command lines. */
  private static final Set<String> DATABASE_COMMANDS = Set.of("migrate", "db", "dev");
  /** The {@code migrate} subcommands whose target {@code MigrateTarget} resolves. */
  private static final Set<String> MIGRATE_COMMANDS_WITH_URL = Set.of("deploy", "status", "resolve");

  private Main() {}

  public static void main(String[] args) {
    // picocli looks for Groovy's Closure class once; the miss makes the JVM open every jar of the
    // class path, lib/strata-libs.jar included (14,000 entries), on every command.
    System.setProperty("picocli.disable.closures", "true");
    if (args.length > 0 && DATABASE_COMMANDS.contains(args[0])) {
      preloadInBackground(args);
    }
    System.exit(StrataCli.run(CliContext.system(), args));
  }

  /**
   * Loads the JDBC driver and the checksum digest on a second thread while the main one parses the
   * command line: a cold start overlaps the two instead of paying for them in turn. A {@code
   * migrate deploy|status|resolve} with an explicit {@code --url} also starts connecting to it
   * ({@link ColdStart#openConnectionsAhead}). Nothing here has effects a command could see; a failure only
   * means the command does the work itself.
   */
  private static void preloadInBackground(String[] args) {
    Thread thread = new Thread(() -> {
      explicitMigrateUrl(args).ifPresent(url -> ColdStart.openConnectionsAhead(url, 1));
      ColdStart.preload();
    }, "strata-preload");
    thread.setDaemon(true);
    thread.start();
  }

  /** The {@code --url} of a {@code migrate deploy|status|resolve} command line, when it has one that parses. */
  static Optional<DatabaseUrl> explicitMigrateUrl(String[] args) {
    if (args.length < 2 || !args[0].equals("migrate") || !MIGRATE_COMMANDS_WITH_URL.contains(args[1])) {
      return Optional.empty();
    }
    String value = null;
    for (int i = 2; i < args.length; i++) {
      if (args[i].equals("--")) {
        break;
      }
      if (args[i].equals("--url") && i + 1 < args.length) {
        value = args[++i];
      } else if (args[i].startsWith("--url=")) {
        value = args[i].substring("--url=".length());
      }
    }
    try {
      return value == null ? Optional.empty() : Optional.of(DatabaseUrl.parse(value));
    } catch (RuntimeException e) {
      return Optional.empty(); // The command reports it.
    }
  }
}
