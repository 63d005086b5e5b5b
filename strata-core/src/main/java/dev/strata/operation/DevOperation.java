package dev.strata.operation;

import dev.strata.DevConsole;
import dev.strata.DevRequest;
import dev.strata.DevResult;
import dev.strata.SeedOptions;
import dev.strata.ErrorCode;
import dev.strata.InvalidSchemaException;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.SchemaLocator;
import dev.strata.config.SchemaSources;
import dev.strata.diff.RenameDetector.RenameSpec;
import dev.strata.migrate.dev.DevOptions;
import dev.strata.migrate.dev.MigrateDev;
import dev.strata.migrate.dev.RenameNames;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import dev.strata.LintRequest;
import dev.strata.LintResult;
import dev.strata.migrate.MigrationFolder;
import dev.strata.postgres.exec.PgConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code migrate dev}: replay the history into a shadow database, check for drift, apply pending
 * migrations, write and apply the next migration with a verified {@code down.sql}. Its questions
 * (a name, renames, a reset of a drifted database, data loss) go to the caller's {@link DevConsole}.
 */
public final class DevOperation {
  private final StrataConfig config;

  public DevOperation(StrataConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public DevResult run(DevRequest request, DevConsole console, SeedOptions seed) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(console, "console");
    DatabaseUrl url = url(config, "migrate dev");
    Path migrations = migrations(config);
    SchemaSources sources = readSchema(config);
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(sources.sources());
    if (checked.hasErrors()) {
      String location = display(config, sources.location().path());
      throw new InvalidSchemaException(ErrorCode.INVALID_INPUT, location, "The schema at " + location
          + " is invalid (" + dev.strata.diag.Plural.of(checked.errorCount(), "error") + "): nothing was changed.", checked.diagnostics());
    }
    DatabaseSchema target = PrismaLowering.lower(checked.schema(), url.schema());
    DevOptions options = new DevOptions(request.name(), request.createOnly(), request.acceptDataLoss(), request.force(),
        request.renames().stream().map(t -> RenameSpec.parse(t).orElseThrow()).toList(), request.clock(), request.prismaSql());
    DevResult result = MigrateDev.of(url, migrations, target, DiffOperation.shadows(config), console)
        .withNames(RenameNames.of(PrismaLowering.names(checked.schema()))).withCancellation(request.cancellation()).run(options);
    result = result.withLint(lintWritten(url, migrations, result, console));
    return result.reset() && result.outcome() != DevResult.Outcome.REFUSED
        ? result.withSeed(new SeedOperation(config).afterReset(seed)) : result;
  }

  /**
   * The lint of the migration(s) {@code result} wrote, with the target's table sizes (empty when none
   * was written). A lint that cannot run (a malformed strata.toml…) is said, not thrown: the
   * migration is written.
   */
  private Optional<LintResult> lintWritten(DatabaseUrl url, Path migrations, DevResult result, DevConsole console) {
    if (result.outcome() != DevResult.Outcome.CREATED || result.created().isEmpty()) {
      return Optional.empty();
    }
    List<Path> files = new ArrayList<>();
    files.add(migrations.resolve(result.created().get()).resolve(MigrationFolder.MIGRATION_FILE));
    result.lockSafe().filter(name -> !name.equals(result.created().get()))
        .ifPresent(name -> files.add(migrations.resolve(name).resolve(MigrationFolder.MIGRATION_FILE)));
    try {
      return Optional.of(DeployLint.forStrataRunner(new LintOperation(config, Optional.<Supplier<Connection>>of(() -> PgConnections.open(url)))
          .run(LintRequest.files(files))));
    } catch (StrataException e) {
      console.say("The new migration was not linted: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The configured URL; these operations work on a URL (they open their own sessions). */
  static DatabaseUrl url(StrataConfig config, String command) {
    return config.url().orElseThrow(() -> new StrataException(ErrorCode.CONFIG,
        "No database URL is configured for " + command + ": call url(\"postgresql://…\") on the builder."));
  }

  static Path migrations(StrataConfig config) {
    return config.migrationsDirectory().orElseThrow(() -> new StrataException(ErrorCode.CONFIG,
        "No migrations folder is configured: call migrations(Path) or schema(Path) on the builder."));
  }

  /** The project's schema as the CLI reads it (a folder included), else the configured path. */
  static SchemaSources readSchema(StrataConfig config) {
    if (config.project().isPresent()
        && (config.schema().isEmpty() || config.schema().equals(config.project().get().schema().map(l -> l.path())))) {
      return config.project().get().readSchema();
    }
    Path schema = config.schema().orElseThrow(() -> new StrataException(ErrorCode.CONFIG,
        "No Prisma schema is configured: call schema(Path) or project(Path) on the builder."));
    Path cwd = config.workingDirectory();
    return SchemaLocator.read(cwd, SchemaLocator.explicit(cwd, schema.toAbsolutePath().toString()));
  }

  /** A path as the CLI shows it: relative to the working directory when inside it. */
  static String display(StrataConfig config, Path path) {
    Path abs = path.toAbsolutePath().normalize();
    Path cwd = config.workingDirectory();
    return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
  }
}
