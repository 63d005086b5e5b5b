package dev.strata.bench;

import dev.strata.config.DatabaseUrl;
import dev.strata.migrate.MigrationsDirectory;
import dev.strata.migrate.run.DeployResult;
import dev.strata.migrate.MigrationRunner;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.logging.Level;
import java.util.logging.Logger;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.flywaydb.core.Flyway;

/**
 * The tools' Java APIs, each applying one history to one database inside this JVM: what an
 * application that migrates at start-up pays once the JVM is running.
 */
public final class InProcess {
  private final Databases databases;

  public InProcess(Databases databases) {
    this.databases = databases;
    // Liquibase logs every changeset through java.util.logging at INFO; keep the console quiet.
    Logger.getLogger("liquibase").setLevel(Level.WARNING);
    System.setProperty("liquibase.analytics.enabled", "false");
    System.setProperty("liquibase.showBanner", "false");
  }

  /** Strata's migration runner (what {@code strata migrate deploy} runs). */
  public void strataDeploy(Layouts layouts, String database) {
    DeployResult result = MigrationRunner.of(DatabaseUrl.parse(databases.url(database)),
        MigrationsDirectory.read(layouts.prismaMigrations())).deploy();
    if (result.failure().isPresent()) {
      throw new IllegalStateException("strata deploy failed: " + result.failure().get());
    }
  }

  public void flywayMigrate(Layouts layouts, String database) {
    Flyway.configure()
        .dataSource(databases.jdbcUrl(database), null, null)
        .locations("filesystem:" + layouts.flywayDir())
        .mixed(true)
        .configuration(java.util.Map.of("flyway.postgresql.transactional.lock", "false"))
        .load()
        .migrate();
  }

  public void liquibaseUpdate(Layouts layouts, String database) throws Exception {
    try (Connection connection = DriverManager.getConnection(databases.jdbcUrl(database))) {
      Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
      Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(layouts.liquibaseDir()), () ->
          new CommandScope("update")
              .addArgumentValue("database", db)
              .addArgumentValue("changelogFile", "changelog.xml")
              .execute());
    }
  }

  /** Times one call, in milliseconds (no memory figure: the JVM is shared). */
  public static Sample time(ThrowingRunnable action) throws Exception {
    long start = System.nanoTime();
    action.run();
    return new Sample((System.nanoTime() - start) / 1e6, -1);
  }

  /** A runnable that may throw. */
  @FunctionalInterface
  public interface ThrowingRunnable {
    void run() throws Exception;
  }
}
