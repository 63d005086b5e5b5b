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
 */
public record StrataConfig(
    Optional<DataSource> dataSource,
    Optional<DatabaseUrl> url,
    Optional<Path> schema,
    Optional<Path> migrations,
    String defaultSchema,
    Optional<Duration> lockTimeout,
    Duration advisoryLockTimeout,
    StrataListener listener) {

  public StrataConfig {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(migrations, "migrations");
    Objects.requireNonNull(defaultSchema, "defaultSchema");
    Objects.requireNonNull(lockTimeout, "lockTimeout");
    Objects.requireNonNull(advisoryLockTimeout, "advisoryLockTimeout");
    Objects.requireNonNull(listener, "listener");
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
        + (listener == StrataListener.NONE ? "" : ", listener=set") + "]";
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

    Builder() {}

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
      Optional<Path> schemaPath = Optional.ofNullable(schema);
      Optional<Path> migrationsPath = Optional.ofNullable(migrations);
      Optional<DatabaseUrl> parsed = Optional.ofNullable(url).map(DatabaseUrl::parse);
      if (project != null) {
        ProjectConfig config = ProjectConfig.resolve(ProjectOptions.of(project.toAbsolutePath().normalize(), environment));
        if (schemaPath.isEmpty()) {
          schemaPath = config.schema().map(SchemaLocation::path);
        }
        if (migrationsPath.isEmpty()) {
          migrationsPath = Optional.of(config.migrationsDir());
        }
        if (parsed.isEmpty() && dataSource == null && config.url().isPresent()) {
          parsed = Optional.of(config.databaseUrl());
        }
        projectUrlLookup = config.urlLookup();
      }
      String namespace = defaultSchema != null ? defaultSchema : parsed.map(DatabaseUrl::schema).orElse(DatabaseUrl.DEFAULT_SCHEMA);
      return new StrataConfig(Optional.ofNullable(dataSource), dataSource != null ? Optional.empty() : parsed, schemaPath,
          migrationsPath, namespace, Optional.ofNullable(lockTimeout), advisoryLockTimeout, listener);
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
        missing.add(project == null
            ? "a database: call dataSource(…) or url(\"postgresql://…\"), or project(Path) for a project whose configuration names one"
            : "a database: project(" + project + ") names none (looked at: " + String.join("; ", projectUrlLookup)
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
