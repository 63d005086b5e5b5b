package dev.strata;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration Strata resolved for a project, as {@code strata config} shows it: every value
 * with where it came from, passwords masked (the record holds no password, so it can be logged).
 *
 * @param workingDir the folder relative paths are resolved against
 * @param projectDir the project's folder (a parent of {@code workingDir} when run in a subfolder)
 * @param inParentFolder whether the project was found in a parent folder
 * @param configFile the {@code prisma.config.ts} read, if any
 * @param schema the schema found, empty when it could not be read (then {@code problems} says why)
 * @param migrations the migrations folder
 * @param database the database URL, empty when none is configured (then {@code urlLookup} lists
 *     where Strata looked)
 * @param urlLookup every place looked at for the URL, in order
 * @param shadowDatabase the shadow database URL, masked, with where it came from
 * @param deployWindow the guarded deploy's maintenance window ({@code strata.toml} {@code [deploy] window}), as
 *     {@link DeployWindow#describe()} writes it, when one is set
 * @param warnings what the user should know, passwords masked
 * @param problems what is wrong (an unreadable schema, a malformed URL), passwords masked
 */
public record ConfigResult(
    Path workingDir,
    Path projectDir,
    boolean inParentFolder,
    Optional<Path> configFile,
    Optional<Schema> schema,
    Path migrations,
    Optional<Database> database,
    List<String> urlLookup,
    Optional<Setting> shadowDatabase,
    Optional<String> deployWindow,
    List<String> warnings,
    List<String> problems) {

  public ConfigResult {
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(projectDir, "projectDir");
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(migrations, "migrations");
    Objects.requireNonNull(database, "database");
    urlLookup = List.copyOf(urlLookup);
    Objects.requireNonNull(shadowDatabase, "shadowDatabase");
    Objects.requireNonNull(deployWindow, "deployWindow");
    warnings = List.copyOf(warnings);
    problems = List.copyOf(problems);
  }

  /** Whether nothing is wrong. */
  public boolean ok() {
    return problems.isEmpty();
  }

  /**
   * The schema.
   *
   * @param path the schema file or folder
   * @param origin where its location came from ({@code --schema}, the config file, the default)
   * @param files the files read, by the names diagnostics use
   */
  public record Schema(Path path, String origin, List<String> files) {
    public Schema {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(origin, "origin");
      files = List.copyOf(files);
    }
  }

  /**
   * The database URL.
   *
   * @param url the URL, password masked (as configured, when it is malformed)
   * @param from where it came from
   * @param jdbc the JDBC URL, masked; empty when the URL is malformed
   * @param schema the PostgreSQL schema it names ({@code ?schema=}, else {@code public}); empty
   *     when the URL is malformed
   */
  public record Database(String url, String from, Optional<String> jdbc, Optional<String> schema) {
    public Database {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(jdbc, "jdbc");
      Objects.requireNonNull(schema, "schema");
    }
  }

  /** A masked value and where it came from. */
  public record Setting(String value, String from) {
    public Setting {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(from, "from");
    }
  }
}
