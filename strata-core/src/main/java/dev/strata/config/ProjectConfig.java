package dev.strata.config;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A project's resolved configuration: where the schema and migrations are, the environment, and
 * the database URLs, each with where it came from.
 *
 * <p>Precedence, following Prisma: the schema is {@code --schema} > the config file's {@code
 * schema} > the default locations ({@link SchemaLocator}); migrations are {@code --migrations} >
 * the config's {@code migrations.path} > {@code migrations/} in the schema's root folder; the URL is
 * {@code --url} > the config's {@code datasource.url} > the schema datasource's {@code url} >
 * {@code DATABASE_URL}; the shadow URL is {@code --shadow-url} > the config's {@code
 * datasource.shadowDatabaseUrl}.
 *
 * <p>Environment: with a config file (Prisma 7), only the {@code .env} files the config itself
 * loads are read, without {@code ${VAR}} expansion (plain dotenv). Without one (Prisma 6), the
 * {@code .env} beside the nearest {@code package.json} is read first, then the first existing of
 * {@code <--schema folder>/.env}, {@code prisma/.env}, {@code .env}, with expansion. The process
 * environment always wins.
 *
 * @param schema empty when no schema was given and none is at the default locations ({@link
 *     #requireSchema()} then explains where it looked)
 * @param urlLookup every place looked at for the URL, in order, for error messages
 * @param warnings things the user should know (e.g. config values Strata cannot read)
 * @param projectDir the project's folder: the working directory, or the parent folder found by
 *     {@link ProjectRoot} when the command runs in a subfolder of the project (without {@code
 *     --config} or {@code --schema}); default locations, {@code .env} files and the config file are
 *     looked for there, while paths given on the command line stay relative to the working directory
 */
public record ProjectConfig(
    ProjectOptions options,
    Path workingDir,
    Optional<PrismaConfigFile> configFile,
    Optional<SchemaLocation> schema,
    Path migrationsDir,
    Environment environment,
    Optional<ConfiguredUrl> url,
    Optional<ConfiguredUrl> shadowUrl,
    List<String> urlLookup,
    List<String> warnings,
    Path projectDir) {

  public ProjectConfig {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(migrationsDir, "migrationsDir");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(shadowUrl, "shadowUrl");
    urlLookup = List.copyOf(urlLookup);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(projectDir, "projectDir");
  }

  /** A configuration whose project folder is the working directory. */
  public ProjectConfig(
      ProjectOptions options,
      Path workingDir,
      Optional<PrismaConfigFile> configFile,
      Optional<SchemaLocation> schema,
      Path migrationsDir,
      Environment environment,
      Optional<ConfiguredUrl> url,
      Optional<ConfiguredUrl> shadowUrl,
      List<String> urlLookup,
      List<String> warnings) {
    this(options, workingDir, configFile, schema, migrationsDir, environment, url, shadowUrl, urlLookup, warnings, workingDir);
  }

  /** Whether the project was found in a parent folder of the working directory. */
  public boolean inParentFolder() {
    return !projectDir.equals(workingDir);
  }

  /**
   * Resolves a project's configuration. It reads the config file and the {@code .env} files but
   * not the schema, and does not parse URLs (a command that needs none must not fail on a bad one).
   *
   * @throws StrataException when an explicitly named file ({@code --config}, {@code --schema}, the
   *     config's {@code schema}) is missing, or a config or {@code .env} file cannot be read
   */
  public static ProjectConfig resolve(ProjectOptions options) {
    Path cwd = SchemaLocator.normalize(options.workingDir());
    List<String> warnings = new ArrayList<>();
    // Named files say where the project is; otherwise it may be a parent folder (run in a subfolder).
    Path root = options.configFile().isPresent() || options.schema().isPresent() ? cwd : ProjectRoot.of(cwd);

    Optional<PrismaConfigFile> config =
        options.configFile().isPresent()
            ? Optional.of(PrismaConfigFile.read(cwd.resolve(options.configFile().get())))
            : PrismaConfigFile.find(root).map(PrismaConfigFile::read);
    config.ifPresent(c -> c.notes().forEach(n -> warnings.add(c.fileName() + ": " + n)));
    Path baseDir = config.map(PrismaConfigFile::directory).orElse(root);

    Environment env;
    Optional<SchemaLocation> schema;
    if (config.isPresent()) {
      // Prisma 7: the config decides which .env files are loaded, before anything reads a variable.
      List<Path> files = config.get().dotenvFiles().stream().map(root::resolve).toList();
      env = Environment.load(cwd, options.environment(), files, false);
      schema = locateSchema(options, cwd, baseDir, config, env, warnings);
    } else {
      schema = locateSchema(options, cwd, baseDir, config, Environment.of(options.environment()), warnings);
      env = Environment.load(cwd, options.environment(), prismaSixEnvFiles(cwd, root, options), true);
    }

    Path migrations = migrationsDir(options, cwd, baseDir, config, schema, env, warnings);
    List<String> lookup = new ArrayList<>();
    Optional<ConfiguredUrl> url = resolveUrl(options, config, env, lookup, warnings);
    Optional<ConfiguredUrl> shadow = resolveShadowUrl(options, config, env, warnings);
    return new ProjectConfig(options, cwd, config, schema, migrations, env, url, shadow, lookup, warnings, root);
  }

  /**
   * The same configuration with the schema datasource's {@code url} known (an env-var name or a
   * literal URL): for callers that parse the schema after resolving where it is.
   */
  public ProjectConfig withSchemaDatasourceUrl(String envNameOrUrl) {
    ProjectOptions updated = options.withSchemaDatasourceUrl(envNameOrUrl);
    List<String> lookup = new ArrayList<>();
    List<String> newWarnings = new ArrayList<>(warnings);
    Optional<ConfiguredUrl> newUrl = resolveUrl(updated, configFile, environment, lookup, new ArrayList<>());
    return new ProjectConfig(
        updated, workingDir, configFile, schema, migrationsDir, environment, newUrl, shadowUrl, lookup, newWarnings, projectDir);
  }

  // ---------------------------------------------------------------------------------- use

  /**
   * The schema location.
   *
   * @throws StrataException ({@link ErrorCode#FILE_NOT_FOUND}) listing the default places looked at
   */
  public SchemaLocation requireSchema() {
    return schema.orElseGet(
        () -> SchemaLocator.defaults(workingDir, configFile.map(PrismaConfigFile::directory).orElse(projectDir)));
  }

  /** Reads the schema files (see {@link SchemaLocator#read}). */
  public SchemaSources readSchema() {
    return SchemaLocator.read(workingDir, requireSchema());
  }

  /**
   * The parsed database URL.
   *
   * @throws StrataException ({@link ErrorCode#CONFIG}) when there is none (naming every place looked
   *     at) or it is malformed (naming where it came from; the password masked)
   */
  public DatabaseUrl databaseUrl() {
    return url.orElseThrow(
            () ->
                new StrataException(
                    ErrorCode.CONFIG,
                    "No database URL is configured. Looked at:\n  "
                        + String.join("\n  ", urlLookup)
                        + "\nSet DATABASE_URL (in the environment or .env) or pass --url."))
        .parse();
  }

  /** The parsed shadow database URL, if one is configured. */
  public Optional<DatabaseUrl> shadowDatabaseUrl() {
    return shadowUrl.map(ConfiguredUrl::parse);
  }

  // ---------------------------------------------------------------------------------- resolution

  private static Optional<SchemaLocation> locateSchema(
      ProjectOptions options,
      Path cwd,
      Path baseDir,
      Optional<PrismaConfigFile> config,
      Environment env,
      List<String> warnings) {
    if (options.schema().isPresent()) {
      return Optional.of(SchemaLocator.explicit(cwd, options.schema().get()));
    }
    if (config.isPresent() && config.get().schema().isPresent()) {
      PrismaConfigFile c = config.get();
      ConfigValue value = c.schema().get();
      Optional<String> path = value.resolve(env);
      if (path.isPresent() && !path.get().isBlank()) {
        return Optional.of(SchemaLocator.fromConfig(cwd, c.directory().resolve(path.get()), c.fileName()));
      }
      warnings.add(
          c.fileName()
              + " sets schema to "
              + value.source()
              + ", which Strata cannot evaluate; using the default location (pass --schema to choose).");
    }
    Path[] candidates = {
      baseDir.resolve("schema.prisma"), baseDir.resolve("prisma/schema.prisma"), baseDir.resolve("prisma/schema")
    };
    for (Path candidate : candidates) {
      if (Files.exists(candidate)) {
        return Optional.of(SchemaLocator.defaults(cwd, baseDir));
      }
    }
    return Optional.empty();
  }

  /** Prisma 6's .env files, in load order (the first to set a variable wins). */
  private static List<Path> prismaSixEnvFiles(Path cwd, Path root, ProjectOptions options) {
    List<Path> files = new ArrayList<>();
    for (Path dir = root; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("package.json"))) {
        files.add(dir.resolve(".env"));
        break;
      }
    }
    List<Path> schemaCandidates = new ArrayList<>();
    options.schema().ifPresent(s -> {
      Path parent = cwd.resolve(s).normalize().getParent();
      if (parent != null) {
        schemaCandidates.add(parent.resolve(".env"));
      }
    });
    schemaCandidates.add(root.resolve("prisma/.env"));
    schemaCandidates.add(root.resolve(".env"));
    schemaCandidates.stream().filter(Files::isRegularFile).findFirst().ifPresent(files::add);
    return files;
  }

  private static Path migrationsDir(
      ProjectOptions options,
      Path cwd,
      Path baseDir,
      Optional<PrismaConfigFile> config,
      Optional<SchemaLocation> schema,
      Environment env,
      List<String> warnings) {
    if (options.migrations().isPresent()) {
      return cwd.resolve(options.migrations().get()).normalize();
    }
    if (config.isPresent() && config.get().migrationsPath().isPresent()) {
      PrismaConfigFile c = config.get();
      ConfigValue value = c.migrationsPath().get();
      Optional<String> path = value.resolve(env).filter(p -> !p.isBlank());
      if (path.isPresent()) {
        return c.directory().resolve(path.get()).normalize();
      }
      warnings.add(
          c.fileName()
              + " sets migrations.path to "
              + value.source()
              + ", which Strata cannot evaluate; using migrations/ beside the schema (pass --migrations to choose).");
    }
    return schema.map(SchemaLocation::rootDir).orElse(baseDir.resolve("prisma")).resolve("migrations").normalize();
  }

  private static Optional<ConfiguredUrl> resolveUrl(
      ProjectOptions options,
      Optional<PrismaConfigFile> config,
      Environment env,
      List<String> lookup,
      List<String> warnings) {
    if (options.url().isPresent()) {
      return Optional.of(new ConfiguredUrl(options.url().get(), "--url"));
    }
    lookup.add("--url: not given");
    if (config.isPresent()) {
      Optional<ConfiguredUrl> fromConfig =
          fromConfigValue(config.get(), config.get().datasourceUrl(), "datasource.url", env, lookup, warnings);
      if (fromConfig.isPresent()) {
        return fromConfig;
      }
    }
    if (options.schemaDatasourceUrl().isPresent()) {
      String ref = options.schemaDatasourceUrl().get();
      if (ref.contains("://")) {
        return Optional.of(new ConfiguredUrl(ref, "the schema's datasource url"));
      }
      Optional<Environment.EnvValue> value = nonBlank(env, ref);
      if (value.isPresent()) {
        return Optional.of(new ConfiguredUrl(value.get().value(), value.get().describe()));
      }
      lookup.add("the schema's datasource url = env(\"" + ref + "\"): " + ref + " is not set" + inFiles(env));
    }
    Optional<Environment.EnvValue> databaseUrl = nonBlank(env, "DATABASE_URL");
    if (databaseUrl.isPresent()) {
      return Optional.of(new ConfiguredUrl(databaseUrl.get().value(), databaseUrl.get().describe()));
    }
    lookup.add("DATABASE_URL: not set" + inFiles(env));
    return Optional.empty();
  }

  private static Optional<ConfiguredUrl> resolveShadowUrl(
      ProjectOptions options, Optional<PrismaConfigFile> config, Environment env, List<String> warnings) {
    if (options.shadowUrl().isPresent()) {
      return Optional.of(new ConfiguredUrl(options.shadowUrl().get(), "--shadow-url"));
    }
    if (config.isPresent()) {
      return fromConfigValue(
          config.get(), config.get().shadowDatabaseUrl(), "datasource.shadowDatabaseUrl", env, new ArrayList<>(), warnings);
    }
    return Optional.empty();
  }

  private static Optional<ConfiguredUrl> fromConfigValue(
      PrismaConfigFile config,
      Optional<ConfigValue> configured,
      String key,
      Environment env,
      List<String> lookup,
      List<String> warnings) {
    String where = config.fileName() + " " + key;
    if (configured.isEmpty()) {
      lookup.add(where + ": not set");
      return Optional.empty();
    }
    ConfigValue value = configured.get();
    if (value instanceof ConfigValue.Literal literal) {
      return Optional.of(new ConfiguredUrl(literal.value(), where));
    }
    if (value instanceof ConfigValue.EnvVar envVar) {
      Optional<Environment.EnvValue> set = nonBlank(env, envVar.name());
      if (set.isPresent()) {
        return Optional.of(new ConfiguredUrl(set.get().value(), set.get().describe() + ", named by " + where));
      }
      if (envVar.fallback().isPresent()) {
        return Optional.of(new ConfiguredUrl(envVar.fallback().get(), where + " (the fallback of " + envVar.name() + ")"));
      }
      lookup.add(where + " = " + value.source() + ": " + envVar.name() + " is not set" + inFiles(env));
      return Optional.empty();
    }
    String message = where + " = " + DatabaseUrl.mask(value.source()) + ": not statically readable";
    lookup.add(message);
    warnings.add(message + "; set DATABASE_URL or pass --url.");
    return Optional.empty();
  }

  /** Like Prisma's {@code env()}, an empty variable counts as unset. */
  private static Optional<Environment.EnvValue> nonBlank(Environment env, String name) {
    return env.lookup(name).filter(v -> !v.value().isBlank());
  }

  private static String inFiles(Environment env) {
    return env.loadedFiles().isEmpty()
        ? " in the environment (no .env file was loaded)"
        : " in the environment or " + String.join(", ", env.loadedFiles());
  }
}
