package dev.strata.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The command-line inputs that decide a project's configuration: the working directory, the
 * {@code --config}, {@code --schema}, {@code --migrations}, {@code --url} and {@code --shadow-url}
 * flags, the schema's datasource {@code url} (an env-var name or a literal, supplied by whoever
 * parsed the schema), and the process environment (injectable for tests).
 */
public record ProjectOptions(
    Path workingDir,
    Optional<String> configFile,
    Optional<String> schema,
    Optional<String> migrations,
    Optional<String> url,
    Optional<String> shadowUrl,
    Optional<String> schemaDatasourceUrl,
    Map<String, String> environment) {

  public ProjectOptions {
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(migrations, "migrations");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(shadowUrl, "shadowUrl");
    Objects.requireNonNull(schemaDatasourceUrl, "schemaDatasourceUrl");
    environment = Map.copyOf(environment);
  }

  /** No flags: the working directory and the environment only. */
  public static ProjectOptions of(Path workingDir, Map<String, String> environment) {
    return new ProjectOptions(
        workingDir, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), environment);
  }

  /** The current directory and the real process environment. */
  public static ProjectOptions fromProcess() {
    return of(Path.of("").toAbsolutePath(), System.getenv());
  }

  public ProjectOptions withConfigFile(String path) {
    return new ProjectOptions(workingDir, Optional.of(path), schema, migrations, url, shadowUrl, schemaDatasourceUrl, environment);
  }

  public ProjectOptions withSchema(String path) {
    return new ProjectOptions(workingDir, configFile, Optional.of(path), migrations, url, shadowUrl, schemaDatasourceUrl, environment);
  }

  public ProjectOptions withMigrations(String path) {
    return new ProjectOptions(workingDir, configFile, schema, Optional.of(path), url, shadowUrl, schemaDatasourceUrl, environment);
  }

  public ProjectOptions withUrl(String databaseUrl) {
    return new ProjectOptions(workingDir, configFile, schema, migrations, Optional.of(databaseUrl), shadowUrl, schemaDatasourceUrl, environment);
  }

  public ProjectOptions withShadowUrl(String databaseUrl) {
    return new ProjectOptions(workingDir, configFile, schema, migrations, url, Optional.of(databaseUrl), schemaDatasourceUrl, environment);
  }

  /**
   * The schema datasource's {@code url}: an environment variable name ({@code DATABASE_URL} for
   * {@code url = env("DATABASE_URL")}) or a literal URL (anything containing {@code ://}).
   */
  public ProjectOptions withSchemaDatasourceUrl(String envNameOrUrl) {
    return new ProjectOptions(workingDir, configFile, schema, migrations, url, shadowUrl, Optional.of(envNameOrUrl), environment);
  }

  /** Masks URLs and leaves out environment values: they may hold secrets. */
  @Override
  public String toString() {
    return "ProjectOptions[workingDir=" + workingDir + ", configFile=" + configFile + ", schema=" + schema
        + ", migrations=" + migrations + ", url=" + url.map(DatabaseUrl::maskLoose) + ", shadowUrl="
        + shadowUrl.map(DatabaseUrl::maskLoose) + ", schemaDatasourceUrl=" + schemaDatasourceUrl.map(DatabaseUrl::maskLoose)
        + ", environment=" + new TreeMap<>(environment).keySet().size() + " variables]";
  }
}
