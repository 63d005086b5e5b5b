package dev.strata.cli.command.db;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.cli.AtomicFile;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.DevDatabase;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.compare.SchemaMatch;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import dev.strata.config.SchemaSources;
import dev.strata.diag.DiagnosticRenderer;
import dev.strata.diag.SourceFile;
import dev.strata.postgres.exec.PgConnections;
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
import dev.strata.prisma.pull.PullResult;
import dev.strata.schema.DatabaseSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strata db pull}: introspects the database and writes it as a Prisma schema, keeping the
 * names, {@code @map}s and relation names of the current schema (unless {@code --force}).
 */
@Command(
    name = "pull",
    header = "Introspect the database into the Prisma schema.",
    description =
        "Introspect the database into the Prisma schema. Models, fields, relation names and " +
        "@map/@@map of the current schema are kept; --force renders the schema afresh from the " +
        "database. With --print the schema goes to standard output and no file is written.")
public final class DbPullCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;

  @Option(names = "--print", description = "Print the schema instead of writing it.")
  boolean print;

  @Option(names = "--force", description = "Ignore the current schema's names and layout; render afresh.")
  boolean force;

  @Override
  protected int run() {
    Terminal term = terminal();
    CliContext ctx = context();
    ProjectConfig config = SchemaInput.project(ctx, schemaOptions, connectionOptions);

    Optional<SchemaSources> sources = config.schema().map(location -> config.readSchema());
    Optional<PrismaSchema> existing = Optional.empty();
    if (sources.isPresent()) {
      PrismaFrontEnd.Parsed parsed = PrismaFrontEnd.parse(sources.get().sources());
      if (parsed.hasSyntaxErrors()) {
        if (!output.json()) {
          term.err().print(new DiagnosticRenderer(term.color()).render(parsed.syntaxDiagnostics()));
        }
        throw new StrataException(
            ErrorCode.INVALID_INPUT,
            "The current schema has syntax errors (above). Fix them first: db pull would otherwise overwrite text it could not read.");
      }
      existing = Optional.of(parsed.schema());
    }
    ProjectConfig resolved = existing.flatMap(PrismaFrontEnd::datasourceUrlReference).map(config::withSchemaDatasourceUrl).orElse(config);
    DatabaseUrl url = DevDatabase.url(ctx, resolved);

    long started = System.nanoTime();
    DatabaseSchema database = inspect(url, existing.map(DbPullCommand::namespaces).orElse(List.of()));
    if (database.tables().isEmpty() && database.enums().isEmpty() && database.views().isEmpty()) {
      throw new StrataException(
          ErrorCode.INVALID_INPUT,
          "The introspected database " + url.masked() + " (schema \"" + url.schema() + "\") is empty: there is nothing to pull."
              + (existing.isPresent() ? " The schema was left unchanged." : ""));
    }
    if (!force && !print && sources.isPresent() && SchemaMatch.databaseMatches(database, sources.get().sources(), url.schema())) {
      return unchanged(term, url, sources.get(), database);
    }
    PullResult result = PrismaIntrospection.render(database, force ? Optional.empty() : existing, PullOptions.defaults().withForce(force));
    long millis = (System.nanoTime() - started) / 1_000_000;

    List<String> written = new ArrayList<>();
    if (!print) {
      for (Map.Entry<String, String> file : result.files().entrySet()) {
        Path target = target(ctx, config.projectDir(), sources, file.getKey());
        AtomicFile.write(target, file.getValue());
        written.add(ctx.display(target));
      }
    }

    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("database", url.masked());
      doc.put("models", database.tables().size());
      doc.put("enums", database.enums().size());
      doc.put("files", print ? result.files() : written);
      doc.put("warnings", result.warnings().stream().map(w -> Map.of("code", w.code(), "message", w.message(), "affected", w.affected())).toList());
      term.out().println(Json.write(doc));
      return ExitCodes.OK;
    }
    if (print) {
      boolean several = result.files().size() > 1;
      result.files().forEach((path, text) -> {
        if (several) {
          term.out().println("// " + path);
        }
        term.out().print(text);
      });
    } else {
      term.out().println(
          term.green("✓") + " Introspected " + dev.strata.diag.Plural.of(database.tables().size(), "table") + " and "
              + dev.strata.diag.Plural.of(database.enums().size(), "enum") + " from " + url.masked() + " into " + String.join(", ", written) + " " + term.dim("(" + millis + " ms)"));
    }
    if (!result.warnings().isEmpty()) {
      term.err().println(term.yellow("warning: ") + "The introspected schema needs your attention:");
      term.err().print(result.warningText());
    }
    return ExitCodes.OK;
  }

  /** The database already is what the schema describes: the file stays byte for byte as it is. */
  private int unchanged(Terminal term, DatabaseUrl url, SchemaSources sources, DatabaseSchema database) {
    String where = ctxDisplay(sources);
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("database", url.masked());
      doc.put("models", database.tables().size());
      doc.put("enums", database.enums().size());
      doc.put("files", List.of());
      doc.put("unchanged", true);
      doc.put("warnings", List.of());
      term.out().println(Json.write(doc));
    } else {
      term.out().println(term.green("✓") + " The database " + url.masked() + " already matches " + where
          + ": nothing to pull, the file was left as it is. (--force renders it afresh from the database.)");
    }
    return ExitCodes.OK;
  }

  private String ctxDisplay(SchemaSources sources) {
    return String.join(", ", sources.files().stream().map(f -> context().display(f)).toList());
  }

  private static DatabaseSchema inspect(DatabaseUrl url, List<String> namespaces) {
    InspectOptions options = (namespaces.isEmpty() ? InspectOptions.defaults() : InspectOptions.multiSchema(namespaces)).withDefaultSchema(url.schema());
    try (Connection connection = PgConnections.open(url)) {
      return PgInspector.inspect(connection, options);
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Reading " + url.masked() + " failed: " + DatabaseUrl.mask(e.getMessage()), e);
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
  private static Path target(CliContext ctx, Path projectDir, Optional<SchemaSources> sources, String renderedPath) {
    if (sources.isPresent()) {
      List<SourceFile> files = sources.get().sources();
      for (int i = 0; i < files.size(); i++) {
        if (files.get(i).path().equals(renderedPath)) {
          return sources.get().files().get(i);
        }
      }
      return ctx.resolve(renderedPath);
    }
    return projectDir.resolve("prisma").resolve(renderedPath);
  }


}
