package dev.strata;

import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import dev.strata.config.ProjectOptions;
import dev.strata.config.SchemaLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The settings of a {@link Strata} instance: where the database is (a {@link DataSource} or a
 * Prisma-style URL), the Prisma schema, the migrations folder and the lock timeouts. Built with
 * {@link Strata#configure()}; immutable.
 *
 * @param dataSource connections come from here when set (it wins over {@code url})
 * @param url a {@code postgresql://…} URL when no data source is given
 * @param schema a schema file or a folder of {@code .prisma} files
 * @param migrations the migrations folder (default: {@code migrations/} beside the schema)
 * @param defaultSchema the PostgreSQL schema the tables live in (default: the URL's {@code
 *     ?schema=}, else {@code public})
 * @param lockTimeout {@code lock_timeout} for each migration's statements, retried with back-off
 *     when hit (default: none, as Prisma)
 * @param advisoryLockTimeout how long {@link Strata#deploy()} waits for another deploy's lock
 *     (default 10 s, as Prisma)
 * @param listener receives what the commands do as they do it (default: {@link StrataListener#NONE})
 * @param shadowDatabases where migration histories are replayed (the CLI gives the embedded
 *     PostgreSQL; default: the shadow database URL when set, else none)
 * @param shadowDatabaseUrl an empty database of the user's for replays ({@code shadowDatabaseUrl})
 * @param project the resolved project configuration, when the settings came from a project (the
 *     config file, {@code .env}, the seed command): what operations that need more than the paths
 *     above read
 * @param workingDirectory relative paths are resolved against it (default: the process's)
 */
public record StrataConfig(
    Optional<DataSource> dataSource,
    Optional<DatabaseUrl> url,
    Optional<Path> schema,
    Optional<Path> migrations,
    String defaultSchema,
    Optional<Duration> lockTimeout,
    Duration advisoryLockTimeout,
    StrataListener listener,
    Optional<ShadowDatabases> shadowDatabases,
    Optional<DatabaseUrl> shadowDatabaseUrl,
    Optional<ProjectConfig> project,
    Path workingDirectory) {

  public StrataConfig {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(migrations, "migrations");
    Objects.requireNonNull(defaultSchema, "defaultSchema");
    Objects.requireNonNull(lockTimeout, "lockTimeout");
    Objects.requireNonNull(advisoryLockTimeout, "advisoryLockTimeout");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(shadowDatabases, "shadowDatabases");
    Objects.requireNonNull(shadowDatabaseUrl, "shadowDatabaseUrl");
    Objects.requireNonNull(project, "project");
    workingDirectory = workingDirectory.toAbsolutePath().normalize();
  }

  /** The migrations folder: as configured, else {@code migrations/} in the schema's folder. */
  public Optional<Path> migrationsDirectory() {
    return migrations.or(() -> schema.map(s -> {
      Path parent = s.toAbsolutePath().normalize().getParent();
      return java.nio.file.Files.isDirectory(s) ? s.resolve("migrations") : (parent == null ? s : parent).resolve("migrations");
    }));
  }

  /** Never prints a password. */
  @Override
  public String toString() {
    return "StrataConfig[dataSource=" + dataSource.map(d -> d.getClass().getSimpleName()).orElse("none")
        + ", url=" + url.map(DatabaseUrl::masked).orElse("none") + ", schema=" + schema.orElse(null)
        + ", migrations=" + migrationsDirectory().orElse(null) + ", defaultSchema=" + defaultSchema
        + ", lockTimeout=" + lockTimeout.orElse(null) + ", advisoryLockTimeout=" + advisoryLockTimeout
        + (listener == StrataListener.NONE ? "" : ", listener=set")
        + shadowDatabaseUrl.map(u -> ", shadowDatabaseUrl=" + u.masked()).orElse("")
        + (shadowDatabases.isPresent() ? ", shadowDatabases=set" : "") + "]";
  }

  /** The fluent builder {@link Strata#configure()} returns; {@link #load()} makes the {@link Strata}. */
  public static final class Builder {
    private DataSource dataSource;
    private String url;
    private Path schema;
    private Path migrations;
    private String defaultSchema;
    private Duration lockTimeout;
    private Duration advisoryLockTimeout = Duration.ofSeconds(10);
    private Path project;
    private Map<String, String> environment = System.getenv();
    private StrataListener listener = StrataListener.NONE;
    private java.util.List<String> projectUrlLookup = java.util.List.of();
    private ProjectConfig resolvedProject;
    private DatabaseUrl parsedUrl;
    private ShadowDatabases shadowDatabases;
    private String shadowDatabaseUrl;
    private Path workingDirectory = Path.of("");
    private boolean withoutDatabase;

    Builder() {}

    /**
     * For operations that need no database ({@code validate}, {@code format}, {@code config}): a
     * project's database and shadow database URLs are not read, so a malformed one does not stop
     * them (a URL given with {@link #url(String)} still is).
     */
    public Builder withoutDatabase() {
      this.withoutDatabase = true;
      return this;
    }

    /** Connections come from this data source (a pool, usually); Strata closes each connection it takes. */
    public Builder dataSource(DataSource value) {
      this.dataSource = Objects.requireNonNull(value, "dataSource");
      return this;
    }

    /** A Prisma-style URL: {@code postgresql://user:password@host:5432/db?schema=app}. */
    public Builder url(String value) {
      this.url = Objects.requireNonNull(value, "url");
      return this;
    }

    /** The Prisma schema: a file, or a folder of {@code .prisma} files. */
    public Builder schema(Path value) {
      this.schema = Objects.requireNonNull(value, "schema");
      return this;
    }

    /** The migrations folder (default: {@code migrations/} beside the schema). */
    public Builder migrations(Path value) {
      this.migrations = Objects.requireNonNull(value, "migrations");
      return this;
    }

    /** An already parsed URL (as {@link #url(String)}). */
    public Builder url(DatabaseUrl value) {
      this.parsedUrl = Objects.requireNonNull(value, "url");
      this.url = null;
      return this;
    }

    /** Where migration histories are replayed ({@code migrate dev}, {@code migrate diff --from-migrations}). */
    public Builder shadowDatabases(ShadowDatabases value) {
      this.shadowDatabases = Objects.requireNonNull(value, "shadowDatabases");
      return this;
    }

    /** An empty database of yours for replays; Strata empties it before and after use. */
    public Builder shadowDatabaseUrl(String value) {
      this.shadowDatabaseUrl = Objects.requireNonNull(value, "shadowDatabaseUrl");
      return this;
    }

    /** Relative paths (schema, migrations) are resolved against this folder (default: the process's). */
    public Builder workingDirectory(Path value) {
      this.workingDirectory = Objects.requireNonNull(value, "workingDirectory");
      return this;
    }

    /** The PostgreSQL schema the application's tables live in (for a data source; a URL says it with {@code ?schema=}). */
    public Builder defaultSchema(String value) {
      this.defaultSchema = Objects.requireNonNull(value, "defaultSchema");
      return this;
    }

    /** {@code lock_timeout} for migration statements; a statement that hits it is retried with back-off. */
    public Builder lockTimeout(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("lockTimeout must be positive");
      }
      this.lockTimeout = value;
      return this;
    }

    /** How long {@code deploy()} waits for a concurrent deploy's advisory lock (default 10 s). */
    public Builder advisoryLockTimeout(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("advisoryLockTimeout must not be negative");
      }
      this.advisoryLockTimeout = value;
      return this;
    }

    /**
     * Fills whatever was not set from a Prisma project folder, as the CLI resolves it: {@code
     * prisma.config.ts}, the default schema locations, {@code migrations/}, and the URL from the
     * config, the schema or {@code DATABASE_URL} (environment or {@code .env}).
     */
    public Builder project(Path directory) {
      this.project = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Takes a project configuration already resolved (what the CLI and the studio do from their
     * flags): its schema, migrations folder, URL, shadow database URL and working directory fill
     * whatever was not set on this builder, and operations read the rest from it (the seed
     * command, {@code .env}).
     */
    public Builder project(ProjectConfig resolved) {
      this.resolvedProject = Objects.requireNonNull(resolved, "resolved");
      this.workingDirectory = resolved.workingDir();
      return this;
    }

    /**
     * Receives what the commands do as they do it, e.g. the migrations {@code deploy()} applies,
     * waits for the lock and retries ({@link StrataListener#logTo(System.Logger)} writes them to a
     * log).
     */
    public Builder listener(StrataListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /** The environment {@link #project(Path)} reads variables from (default: the process environment). */
    public Builder environment(Map<String, String> variables) {
      this.environment = Map.copyOf(variables);
      return this;
    }

    /**
     * The settings, validated.
     *
     * @throws StrataException ({@code CONFIG}) for a malformed URL or an unreadable project configuration
     */
    public StrataConfig build() {
      Path cwd = workingDirectory.toAbsolutePath().normalize();
      Optional<Path> schemaPath = Optional.ofNullable(schema).map(cwd::resolve);
      Optional<Path> migrationsPath = Optional.ofNullable(migrations).map(cwd::resolve);
      Optional<DatabaseUrl> parsed = Optional.ofNullable(parsedUrl).or(() -> Optional.ofNullable(url).map(DatabaseUrl::parse));
      Optional<DatabaseUrl> shadowUrl = Optional.ofNullable(shadowDatabaseUrl).map(DatabaseUrl::parse);
      ProjectConfig config = resolvedProject;
      if (config == null && project != null) {
        config = ProjectConfig.resolve(ProjectOptions.of(cwd.resolve(project).normalize(), environment));
      }
      if (config != null) {
        if (schemaPath.isEmpty()) {
          schemaPath = config.schema().map(SchemaLocation::path);
        }
        if (migrationsPath.isEmpty()) {
          migrationsPath = Optional.of(config.migrationsDir());
        }
        if (parsed.isEmpty() && dataSource == null && config.url().isPresent() && !withoutDatabase) {
          parsed = Optional.of(config.databaseUrl());
        }
        if (shadowUrl.isEmpty() && !withoutDatabase) {
          shadowUrl = config.shadowDatabaseUrl();
        }
        projectUrlLookup = config.urlLookup();
      }
      String namespace = defaultSchema != null ? defaultSchema : parsed.map(DatabaseUrl::schema).orElse(DatabaseUrl.DEFAULT_SCHEMA);
      return new StrataConfig(Optional.ofNullable(dataSource), dataSource != null ? Optional.empty() : parsed, schemaPath,
          migrationsPath, namespace, Optional.ofNullable(lockTimeout), advisoryLockTimeout, listener,
          Optional.ofNullable(shadowDatabases), shadowUrl, Optional.ofNullable(config), cwd);
    }

    /**
     * Builds the settings and the {@link Strata} instance that uses them.
     *
     * @throws StrataException ({@code CONFIG}) naming what is missing when there is no database
     *     (data source, URL, or a project whose configuration names one) or neither a schema nor a
     *     migrations folder; and as {@link #build()}
     */
    public Strata load() {
      StrataConfig config = build();
      java.util.List<String> missing = new java.util.ArrayList<>();
      if (config.dataSource().isEmpty() && config.url().isEmpty()) {
        missing.add(project == null && resolvedProject == null
            ? "a database: call dataSource(…) or url(\"postgresql://…\"), or project(Path) for a project whose configuration names one"
            : "a database: project(" + (project != null ? project : resolvedProject.projectDir()) + ") names none (looked at: " + String.join("; ", projectUrlLookup)
                + "); call dataSource(…) or url(\"postgresql://…\"), or set DATABASE_URL in environment(…)");
      }
      if (config.schema().isEmpty() && config.migrationsDirectory().isEmpty()) {
        missing.add("a Prisma schema or a migrations folder: call schema(Path), migrations(Path) or project(Path)");
      }
      if (!missing.isEmpty()) {
        throw new StrataException(ErrorCode.CONFIG,
            "Strata.configure().load() is missing " + String.join(", and ", missing) + ".");
      }
      return new Strata(config);
    }
  }
}
