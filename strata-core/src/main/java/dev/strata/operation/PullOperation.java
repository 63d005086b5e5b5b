package dev.strata.operation;

import dev.strata.ErrorCode;
import dev.strata.InvalidSchemaException;
import dev.strata.PullResult;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.compare.SchemaMatch;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import dev.strata.config.SchemaLocator;
import dev.strata.config.SchemaSources;
import dev.strata.diag.SourceFile;
import dev.strata.postgres.inspect.InspectOptions;
import dev.strata.postgres.inspect.PgInspector;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.ConfigProperty;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.ast.StringLiteral;
import dev.strata.prisma.pull.PrismaIntrospection;
import dev.strata.prisma.pull.PullOptions;
import dev.strata.schema.DatabaseSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code db pull}: introspects the database and renders it as a Prisma schema, keeping the names,
 * {@code @map}s and relation names of the current schema (unless {@code force}); a schema the
 * database already matches is left byte for byte as it is.
 */
public final class PullOperation {
  private final StrataConfig config;

  public PullOperation(StrataConfig config) {
    this.config = config;
  }

  /**
   * Introspects and renders; writes the files when {@code write}.
   *
   * @throws InvalidSchemaException when the current schema has syntax errors (nothing is written:
   *     the pull would overwrite text it could not read)
   * @throws StrataException ({@code INVALID_INPUT}) when the database is empty, ({@code DATABASE})
   *     when it cannot be read
   */
  public PullResult pull(boolean force, boolean write) {
    Optional<SchemaSources> sources = currentSchema();
    Optional<PrismaSchema> existing = Optional.empty();
    if (sources.isPresent()) {
      PrismaFrontEnd.Parsed parsed = PrismaFrontEnd.parse(sources.get().sources());
      if (parsed.hasSyntaxErrors()) {
        throw new InvalidSchemaException(ErrorCode.INVALID_INPUT, sources.get().location().path().toString(),
            "The current schema has syntax errors. Fix them first: db pull would otherwise overwrite text it could not read.",
            parsed.syntaxDiagnostics());
      }
      existing = Optional.of(parsed.schema());
    }
    long started = System.nanoTime();
    DatabaseSchema database = inspect(existing.map(PullOperation::namespaces).orElse(List.of()));
    if (database.tables().isEmpty() && database.enums().isEmpty() && database.views().isEmpty()) {
      throw new StrataException(
          ErrorCode.INVALID_INPUT,
          "The introspected database " + DbSupport.database(config) + " (schema \"" + config.defaultSchema() + "\") is empty: there is nothing to pull."
              + (existing.isPresent() ? " The schema was left unchanged." : ""));
    }
    String name = DbSupport.database(config);
    if (!force && write && sources.isPresent() && SchemaMatch.databaseMatches(database, sources.get().sources(), config.defaultSchema())) {
      List<PullResult.SchemaFile> files = new ArrayList<>();
      for (int i = 0; i < sources.get().sources().size(); i++) {
        SourceFile file = sources.get().sources().get(i);
        files.add(new PullResult.SchemaFile(file.path(), sources.get().files().get(i), file.text(), false, false));
      }
      return new PullResult(name, database.tables().size(), database.enums().size(), true, files, List.of(), "", elapsed(started));
    }
    dev.strata.prisma.pull.PullResult rendered =
        PrismaIntrospection.render(database, force ? Optional.empty() : existing, PullOptions.defaults().withForce(force));
    Duration elapsed = elapsed(started);
    List<PullResult.SchemaFile> files = new ArrayList<>();
    for (Map.Entry<String, String> file : rendered.files().entrySet()) {
      Path target = target(sources, file.getKey());
      boolean changed = !file.getValue().equals(current(target));
      if (write) {
        AtomicWrite.write(target, file.getValue());
      }
      files.add(new PullResult.SchemaFile(file.getKey(), target, file.getValue(), changed, write));
    }
    List<PullResult.Warning> warnings = rendered.warnings().stream()
        .map(w -> new PullResult.Warning(w.code(), w.message(), w.affected())).toList();
    return new PullResult(name, database.tables().size(), database.enums().size(), false, files, warnings,
        rendered.warnings().isEmpty() ? "" : rendered.warningText(), elapsed);
  }

  /** The current schema's files, when the project has a schema. */
  private Optional<SchemaSources> currentSchema() {
    Optional<ProjectConfig> project = config.project();
    if (project.isPresent() && config.schema().map(p -> project.get().schema().map(l -> l.path().equals(p)).orElse(false)).orElse(true)) {
      return project.get().schema().map(location -> project.get().readSchema());
    }
    return config.schema().map(p -> SchemaLocator.read(config.workingDirectory(), SchemaLocator.explicit(config.workingDirectory(), p.toString())));
  }

  private DatabaseSchema inspect(List<String> namespaces) {
    InspectOptions options = (namespaces.isEmpty() ? InspectOptions.defaults() : InspectOptions.multiSchema(namespaces))
        .withDefaultSchema(config.defaultSchema());
    try (Connection connection = DbSupport.connection(config)) {
      return PgInspector.inspect(connection, options);
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Reading " + DbSupport.database(config) + " failed: " + DatabaseUrl.mask(e.getMessage()), e);
    }
  }

  /** The datasource's {@code schemas = [...]} (multiSchema), if any. */
  private static List<String> namespaces(PrismaSchema schema) {
    Optional<Expression> value = schema.datasource().flatMap(ds -> ds.property("schemas")).flatMap(ConfigProperty::value);
    if (value.isPresent() && value.get() instanceof ArrayExpression array) {
      return array.elements().stream().filter(StringLiteral.class::isInstance).map(e -> ((StringLiteral) e).value()).toList();
    }
    return List.of();
  }

  /** Where a rendered file goes: the existing file it came from, or beside the schema, or prisma/schema.prisma. */
  private Path target(Optional<SchemaSources> sources, String renderedPath) {
    if (sources.isPresent()) {
      List<SourceFile> files = sources.get().sources();
      for (int i = 0; i < files.size(); i++) {
        if (files.get(i).path().equals(renderedPath)) {
          return sources.get().files().get(i);
        }
      }
      return config.workingDirectory().resolve(renderedPath);
    }
    Path projectDir = config.project().map(ProjectConfig::projectDir).orElse(config.workingDirectory());
    return projectDir.resolve("prisma").resolve(renderedPath);
  }

  private static String current(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Duration elapsed(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
