package dev.strata.operation;

import dev.strata.DocsResult;
import dev.strata.ErrorCode;
import dev.strata.SchemaDocs;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.config.SchemaSources;
import dev.strata.diag.Diagnostic;
import dev.strata.diag.Plural;
import dev.strata.migrate.MigrationFolder;
import dev.strata.migrate.MigrationSummary;
import dev.strata.migrate.MigrationsDirectory;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.docs.DocsPages;
import dev.strata.prisma.docs.SchemaDocumentation;
import dev.strata.prisma.lower.PrismaLowering;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code strata docs} and {@code strata erd}: the schema's documentation, gathered from the schema
 * and the migrations folder (no database needed), and the page written or checked.
 */
public final class DocsOperation {
  private DocsOperation() {}

  /**
   * The documentation of the configured schema.
   *
   * @throws StrataException when the schema cannot be read or is invalid
   */
  public static SchemaDocs docs(StrataConfig config) {
    return docs(config, Optional.empty());
  }

  /**
   * The documentation, with each table's rows and size read from the database that {@code
   * connections} opens, when given.
   */
  public static SchemaDocs docs(StrataConfig config, Optional<java.util.function.Supplier<java.sql.Connection>> connections) {
    SchemaDocs docs = withoutSizes(config);
    if (connections.isEmpty()) {
      return docs;
    }
    try (java.sql.Connection connection = connections.get().get()) {
      List<String> schemas = docs.models().stream().map(SchemaDocs.Model::schema).distinct().toList();
      java.util.Map<String, dev.strata.postgres.data.PgData.TableSize> sizes = dev.strata.postgres.data.PgData.tableSizes(connection, schemas);
      List<SchemaDocs.Model> models = new ArrayList<>();
      for (SchemaDocs.Model m : docs.models()) {
        dev.strata.postgres.data.PgData.TableSize size = sizes.get(m.schema() + "." + m.table());
        if (size == null) {
          models.add(m);
          continue;
        }
        long rows = size.estimatedRows() >= 0 ? size.estimatedRows()
            : dev.strata.postgres.data.PgData.countUpTo(connection, m.schema(), m.table(), 1_000_000);
        models.add(m.withSize(new SchemaDocs.Size(rows, size.bytes())));
      }
      return docs.withModels(models);
    } catch (java.sql.SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Reading the tables' sizes failed: " + e.getMessage(), e);
    }
  }

  private static SchemaDocs withoutSizes(StrataConfig config) {
    SchemaSources sources = SchemaFiles.read(config);
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(sources.sources());
    if (checked.hasErrors()) {
      List<String> first = checked.diagnostics().stream().filter(Diagnostic::isError).limit(5).map(Diagnostic::message).toList();
      long errors = checked.diagnostics().stream().filter(Diagnostic::isError).count();
      throw new StrataException(ErrorCode.INVALID_INPUT, "The schema at " + shown(config, sources.location().path()) + " is invalid ("
          + Plural.of(errors, "error") + "):\n  " + String.join("\n  ", first));
    }
    List<SchemaDocs.MigrationDoc> migrations = new ArrayList<>();
    Optional<Path> dir = config.migrationsDirectory().filter(Files::isDirectory);
    if (dir.isPresent()) {
      for (MigrationFolder folder : MigrationsDirectory.read(dir.get()).folders()) {
        migrations.add(new SchemaDocs.MigrationDoc(folder.name(), folder.sql().map(MigrationSummary::of).orElse(List.of("no migration.sql"))));
      }
    }
    return SchemaDocumentation.build(shown(config, sources.location().path()), checked.schema(),
        PrismaLowering.lower(checked.schema(), config.defaultSchema()), migrations);
  }

  /** Writes the page into {@code out} when it differs ({@code write}), or only compares ({@code --check}). */
  public static DocsResult write(StrataConfig config, Path out, SchemaDocs.Format format, boolean write,
      Optional<java.util.function.Supplier<java.sql.Connection>> connections) {
    SchemaDocs docs = docs(config, connections);
    String content = DocsPages.render(docs, format);
    Path folder = out.isAbsolute() ? out : config.workingDirectory().resolve(out);
    Path file = folder.resolve(DocsPages.fileName(format));
    boolean upToDate;
    try {
      upToDate = Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content);
    } catch (IOException | java.io.UncheckedIOException e) {
      upToDate = false;
    }
    boolean written = false;
    if (write && !upToDate) {
      AtomicWrite.write(file, content);
      written = true;
    }
    return new DocsResult(file, format, upToDate, written, content);
  }

  /** A path as the page names it: relative to the working directory when inside it, with forward slashes. */
  private static String shown(StrataConfig config, Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path shown = absolute.startsWith(config.workingDirectory()) ? config.workingDirectory().relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }
}
