package dev.strata.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.ErrorCode;
import dev.strata.SeedOptions;
import dev.strata.SeedOutcome;
import dev.strata.SeedResult;
import dev.strata.StrataConfig;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.config.ConfigValue;
import dev.strata.config.PrismaConfigFile;
import dev.strata.config.ProjectConfig;
import dev.strata.config.SchemaLocation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code db seed}: the project's seed command ({@code migrations.seed} of {@code prisma.config.ts},
 * or, Prisma 6, {@code "prisma": {"seed"}} of {@code package.json}) run as a shell command in the
 * project folder.
 */
public final class SeedOperation {
  private final StrataConfig config;

  public SeedOperation(StrataConfig config) {
    this.config = config;
  }

  /** The project's folder: where the seed runs and {@code package.json} is looked for. */
  private Path projectDir() {
    return config.project().map(ProjectConfig::projectDir).orElse(config.workingDirectory());
  }

  /**
   * {@code migrations.seed} of the config file, else (no config file, as Prisma 6) package.json's
   * {@code prisma.seed}; empty when neither names one.
   *
   * @throws StrataException ({@code CONFIG}) when the config file's value cannot be evaluated, or
   *     package.json cannot be read
   */
  public Optional<String> command() {
    Optional<ProjectConfig> project = config.project();
    if (project.isPresent() && project.get().configFile().isPresent()) {
      PrismaConfigFile file = project.get().configFile().get();
      Optional<ConfigValue> seed = file.seed();
      if (seed.isPresent()) {
        Optional<String> value = seed.get().resolve(project.get().environment()).filter(s -> !s.isBlank());
        if (value.isEmpty()) {
          throw new StrataException(ErrorCode.CONFIG, file.fileName() + " sets migrations.seed to " + seed.get().source()
              + ", which Strata cannot evaluate. Write the command as a string literal.");
        }
        return value;
      }
    }
    for (Path dir = projectDir(); dir != null; dir = dir.getParent()) {
      Path packageJson = dir.resolve("package.json");
      if (Files.isRegularFile(packageJson)) {
        try {
          JsonNode seed = new ObjectMapper().readTree(Files.readString(packageJson, StandardCharsets.UTF_8)).path("prisma").path("seed");
          return seed.isTextual() && !seed.asText().isBlank() ? Optional.of(seed.asText()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
          throw new StrataException(ErrorCode.CONFIG, "Could not read " + packageJson + ": " + e.getMessage(), e);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Runs a seed command line with {@code sh -c} in the project folder.
   *
   * @param environment the variables the process gets
   * @param databaseUrl set as {@code DATABASE_URL} when present (never masked: the seed connects with it)
   * @param inheritInput whether the process reads this process's standard input (else /dev/null)
   * @param out where its standard output goes
   * @param err where its standard error goes
   * @throws StrataException ({@code CONFIG}) when it cannot be started
   */
  public SeedResult run(String line, Map<String, String> environment, Optional<String> databaseUrl, boolean inheritInput,
      Writer out, Writer err) {
    long started = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", line).directory(projectDir().toFile());
    builder.environment().putAll(environment);
    // Prisma 7 passes only what the shell had; the resolved URL is what the user means (and the only way to reach the dev database).
    databaseUrl.ifPresent(u -> builder.environment().put("DATABASE_URL", u));
    builder.redirectInput(inheritInput ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new StrataException(ErrorCode.CONFIG, "Could not run the seed command `" + line + "`: " + e.getMessage(), e);
    }
    Thread pumpOut = pump(process.getInputStream(), out);
    Thread pumpErr = pump(process.getErrorStream(), err);
    try {
      int code = process.waitFor();
      pumpOut.join();
      pumpErr.join();
      return new SeedResult(line, code, Duration.ofNanos(System.nanoTime() - started));
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new StrataException(ErrorCode.CONFIG, "The seed was interrupted.", e);
    }
  }

  /**
   * Seeds a database that was just reset, as {@code db seed} would with no arguments: the seed
   * command, else {@code seed.sql} beside the schema; nothing when the project has neither (or
   * {@code options} skip it). Reports {@link StrataEvent.Seeding} before it runs.
   *
   * @throws StrataException when the seed fails, saying that the reset and migrations were done
   */
  public Optional<SeedOutcome> afterReset(SeedOptions options) {
    if (options.skip()) {
      return Optional.empty();
    }
    try {
      Optional<String> command = command();
      if (command.isPresent()) {
        DbSupport.emit(config, new StrataEvent.Seeding(command, Optional.empty()));
        Optional<String> url = options.databaseUrl().or(() -> config.project().flatMap(ProjectConfig::url).map(u -> u.value()));
        SeedResult result = run(command.get(), options.environment(), url, options.inheritInput(), options.out(), options.err());
        if (!result.succeeded()) {
          throw new StrataException(ErrorCode.CONFIG,
              "The seed command `" + command.get() + "` failed with exit code " + result.exitCode() + ".");
        }
        return Optional.of(new SeedOutcome(command, Optional.empty(), 0));
      }
      Path seedSql = seedSql();
      if (Files.isRegularFile(seedSql)) {
        String shown = display(seedSql);
        DbSupport.emit(config, new StrataEvent.Seeding(Optional.empty(), Optional.of(shown)));
        int statements = new ExecuteOperation(config)
            .execute(shown, Path.of(shown), ExecuteOperation.readFile(seedSql, shown)).statements();
        return Optional.of(new SeedOutcome(Optional.empty(), Optional.of(shown), statements));
      }
      return Optional.empty();
    } catch (StrataException e) {
      throw new StrataException(e.code(), e.getMessage() + "\nThe database was reset and migrated; only the seed failed."
          + " Fix it and run `strata db seed` (or reset with --skip-seed).", e);
    }
  }

  /** {@code seed.sql} beside the schema ({@code prisma/seed.sql} of the project by default). */
  private Path seedSql() {
    Optional<ProjectConfig> project = config.project();
    Path root = project.flatMap(ProjectConfig::schema).map(SchemaLocation::rootDir)
        .or(() -> config.schema().map(p -> Files.isDirectory(p) ? p : p.toAbsolutePath().getParent()))
        .orElseGet(() -> project.map(p -> p.configFile().map(PrismaConfigFile::directory).orElse(p.projectDir()))
            .orElse(config.workingDirectory()).resolve("prisma"));
    return root.resolve("seed.sql");
  }

  private String display(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    Path cwd = config.workingDirectory();
    return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
  }

  private static Thread pump(InputStream in, Writer out) {
    Thread thread = new Thread(() -> {
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        char[] buffer = new char[4096];
        int n;
        while ((n = reader.read(buffer)) >= 0) {
          synchronized (out) {
            out.write(buffer, 0, n);
            out.flush();
          }
        }
      } catch (IOException e) {
        // The process ended; its exit code tells the rest.
      }
    }, "strata-seed-output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
