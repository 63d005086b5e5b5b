package dev.strata.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How each tool is run as a whole command: Strata through its launcher, Prisma 7 through its CLI
 * with the offline schema-engine shim, Flyway and Liquibase as fresh JVMs on their main classes,
 * dbmate's native binary, node-pg-migrate's CLI, and psql as the floor.
 */
public final class Tools {
  private final Path strataLauncher;
  private final Optional<Path> prismaDir;
  private final Optional<Path> npmDir;
  private final Optional<String> flywayClasspath;
  private final Optional<String> liquibaseClasspath;
  private final Databases databases;

  public Tools(Path strataLauncher, Optional<Path> prismaDir, Optional<Path> npmDir, Optional<Path> flywayClasspathFile,
      Optional<Path> liquibaseClasspathFile, Databases databases) throws IOException {
    this.strataLauncher = strataLauncher;
    this.prismaDir = prismaDir;
    this.npmDir = npmDir;
    this.flywayClasspath = read(flywayClasspathFile);
    this.liquibaseClasspath = read(liquibaseClasspathFile);
    this.databases = databases;
  }

  private static Optional<String> read(Optional<Path> file) throws IOException {
    return file.isPresent() ? Optional.of(Files.readString(file.get(), StandardCharsets.UTF_8).trim()) : Optional.empty();
  }

  public boolean hasPrisma() {
    return prismaDir.isPresent();
  }

  public boolean hasNpmPeers() {
    return npmDir.isPresent();
  }

  public boolean hasFlyway() {
    return flywayClasspath.isPresent();
  }

  public boolean hasLiquibase() {
    return liquibaseClasspath.isPresent();
  }

  // ---- Strata -----------------------------------------------------------------------------

  public Command strata(Path dir, String... args) {
    List<String> argv = new ArrayList<>(List.of(strataLauncher.toString()));
    argv.addAll(List.of(args));
    return new Command(argv, Map.of(), dir);
  }

  public Command strataMigrate(Layouts layouts, String database, String verb) {
    return strata(layouts.root(), "migrate", verb, "--schema", layouts.prismaSchema().toString(), "--url", databases.url(database));
  }

  // ---- Prisma 7 ---------------------------------------------------------------------------

  public Command prisma(Path dir, Optional<String> database, String... args) {
    Path home = prismaDir.orElseThrow();
    // Node directly on the CLI's entry point: `npx prisma` adds ~0.3 s of npm on top.
    List<String> argv = new ArrayList<>(List.of("node", home.resolve("node_modules/prisma/build/index.js").toString()));
    argv.addAll(List.of(args));
    Map<String, String> env = new HashMap<>(Map.of(
        "PRISMA_SCHEMA_ENGINE_BINARY", home.resolve("schema-engine-shim.mjs").toString(),
        "CHECKPOINT_DISABLE", "1", "PRISMA_HIDE_UPDATE_MESSAGE", "1",
        "DATABASE_URL", databases.url(database.orElse("postgres"))));
    return new Command(argv, env, dir);
  }

  public Command prismaMigrate(Layouts layouts, String database, String verb) {
    return prisma(layouts.root(), Optional.of(database), "migrate", verb);
  }

  /**
   * Lets the layout's {@code prisma.config.ts} import {@code prisma/config}: Node resolves it from
   * a {@code node_modules} beside the file, here a link to the Prisma install's.
   */
  public void linkPrismaModules(Path projectDir) throws IOException {
    Path link = projectDir.resolve("node_modules");
    if (prismaDir.isPresent() && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(link, prismaDir.get().resolve("node_modules").toAbsolutePath());
    }
  }

  // ---- Flyway 11 ----------------------------------------------------------------------------

  public Command flyway(Path dir, String... args) {
    List<String> argv = new ArrayList<>(List.of("java", "-cp", flywayClasspath.orElseThrow(), "org.flywaydb.commandline.Main"));
    argv.addAll(List.of(args));
    return new Command(argv, Map.of("REDGATE_DISABLE_TELEMETRY", "true", "FLYWAY_TELEMETRY_OPTOUT", "true"), dir);
  }

  public Command flywayMigrate(Layouts layouts, String database, String verb) {
    return flyway(layouts.root(), "-url=jdbc:postgresql://" + databases.host() + ":" + databases.port() + "/" + database,
        "-user=" + databases.user(), "-locations=filesystem:" + layouts.flywayDir(), "-mixed=true",
        // Flyway's default lock is an open transaction on a second connection, which a CREATE INDEX
        // CONCURRENTLY waits for forever (langfuse's history hangs); the session lock does not.
        "-postgresql.transactional.lock=false", "-skipCheckForUpdate", verb);
  }

  // ---- Liquibase 4 --------------------------------------------------------------------------

  public Command liquibase(Path dir, String... args) {
    List<String> argv = new ArrayList<>(List.of("java", "-cp", liquibaseClasspath.orElseThrow(),
        "liquibase.integration.commandline.LiquibaseCommandLine"));
    argv.addAll(List.of(args));
    return new Command(argv, Map.of("LIQUIBASE_ANALYTICS_ENABLED", "false", "LIQUIBASE_SHOW_BANNER", "false"), dir);
  }

  public Command liquibaseMigrate(Layouts layouts, String database, String verb) {
    return liquibase(layouts.root(), "--url=jdbc:postgresql://" + databases.host() + ":" + databases.port() + "/" + database,
        "--username=" + databases.user(), "--search-path=" + layouts.liquibaseDir(), "--changelog-file=changelog.xml", verb);
  }

  // ---- dbmate (native binary from its npm package) -------------------------------------------

  public Command dbmate(Path dir, String... args) {
    List<String> argv = new ArrayList<>(List.of(npmDir.orElseThrow().resolve("node_modules/@dbmate/linux-x64/bin/dbmate").toString()));
    argv.addAll(List.of(args));
    return new Command(argv, Map.of(), dir);
  }

  public Command dbmateMigrate(Layouts layouts, String database, String verb) {
    return dbmate(layouts.root(), "--url", databases.url(database) + "?sslmode=disable", "--migrations-dir",
        layouts.dbmateDir().toString(), "--no-dump-schema", verb);
  }

  // ---- node-pg-migrate -----------------------------------------------------------------------

  public Command nodePgMigrate(Path dir, Optional<String> database, String... args) {
    List<String> argv = new ArrayList<>(List.of(npmDir.orElseThrow().resolve("node_modules/.bin/node-pg-migrate").toString()));
    argv.addAll(List.of(args));
    return new Command(argv, Map.of("DATABASE_URL", databases.url(database.orElse("postgres"))), dir);
  }

  public Command nodePgMigrateUp(Layouts layouts, String database) {
    return nodePgMigrate(layouts.root(), Optional.of(database), "up", "-m", layouts.nodePgMigrateDir().toString());
  }

  // ---- psql, the floor -------------------------------------------------------------------------

  /** One psql process running every migration file in order, autocommit, stopping at the first error. */
  public Command psqlFiles(Layouts layouts, String database) {
    List<String> argv = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", databases.host(),
        "-p", String.valueOf(databases.port()), "-U", databases.user(), "-d", database));
    for (Path file : layouts.sqlFiles()) {
      argv.add("-f");
      argv.add(file.toString());
    }
    return new Command(argv, Map.of(), layouts.root());
  }

  public Command psql(Path dir, String... args) {
    List<String> argv = new ArrayList<>(List.of("psql"));
    argv.addAll(List.of(args));
    return new Command(argv, Map.of(), dir);
  }
}
