package dev.strata.cli;

import dev.strata.migrate.MigrationChecksum;
import dev.strata.postgres.exec.PgConnections;
import java.util.Set;

/** The process entry point of the {@code strata} executable. */
public final class Main {
  /** Commands that connect to a database; the first argument of their command lines. */
  private static final Set<String> DATABASE_COMMANDS = Set.of("migrate", "db", "dev");

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && DATABASE_COMMANDS.contains(args[0])) {
      preloadInBackground();
    }
    System.exit(StrataCli.run(CliContext.system(), args));
  }

  /**
   * Loads the JDBC driver and the checksum digest on a second thread while the main one parses the
   * command line: a cold start overlaps the two instead of paying for them in turn. Nothing here
   * has effects a command could see; a failure only means the command loads the classes itself.
   */
  private static void preloadInBackground() {
    Thread thread = new Thread(() -> {
      PgConnections.preload();
      MigrationChecksum.of("");
    }, "strata-preload");
    thread.setDaemon(true);
    thread.start();
  }
}
