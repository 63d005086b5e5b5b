package dev.strata.compare;

import dev.strata.ErrorCode;
import dev.strata.InvalidSchemaException;
import dev.strata.SchemaSource;
import dev.strata.ShadowDatabases;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import dev.strata.diag.Diagnostic;
import dev.strata.migrate.MigrationReplayer;
import dev.strata.migrate.MigrationsDirectory;
import dev.strata.postgres.exec.PgConnections;
import dev.strata.postgres.inspect.InspectOptions;
import dev.strata.postgres.inspect.PgInspector;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@link SchemaSource} into the schema IR: a Prisma schema is validated and lowered, a
 * migrations folder is replayed into a shadow database and introspected, a database is introspected.
 */
public final class SchemaResolver {
  private final ShadowDatabases shadows;

  /** @param shadows where migration histories are replayed (used only for {@link SchemaSource.Migrations}) */
  public SchemaResolver(ShadowDatabases shadows) {
    this.shadows = Objects.requireNonNull(shadows, "shadows");
  }

  /**
   * Resolves both sides. Prisma schemas are resolved first: their {@code schemas = [...]}
   * (multiSchema) decide which namespaces a database side is read from, as in Prisma.
   */
  public Resolved resolve(SchemaSource from, SchemaSource to) {
    Optional<Lowered> fromPrisma = lowerIfPrisma(from);
    Optional<Lowered> toPrisma = lowerIfPrisma(to);
    List<String> namespaces = fromPrisma.or(() -> toPrisma)
        .map(l -> l.schema().explicitSchemas().stream().sorted().toList())
        .orElse(List.of());
    // A database side shows only what Prisma would see of it (see PrismaVisibility).
    Set<String> preview = new HashSet<>();
    fromPrisma.ifPresent(l -> preview.addAll(l.previewFeatures()));
    toPrisma.ifPresent(l -> preview.addAll(l.previewFeatures()));
    // --from-empty has no namespace at all (Prisma then creates the default schema too); an empty
    // --to side stays a database with its default schema, so that drops render unqualified.
    DatabaseSchema a = fromPrisma.map(Lowered::schema)
        .orElseGet(() -> from instanceof SchemaSource.Empty
            ? DatabaseSchema.withoutNamespaces()
            : PrismaVisibility.of(resolveDatabaseSide(from, namespaces), preview));
    DatabaseSchema b = toPrisma.map(Lowered::schema)
        .orElseGet(() -> PrismaVisibility.of(resolveDatabaseSide(to, namespaces), preview));
    return new Resolved(a, b);
  }

  /** The two resolved sides. */
  public record Resolved(DatabaseSchema from, DatabaseSchema to) {}

  /** A lowered Prisma schema and the preview features it enables (lower case). */
  private record Lowered(DatabaseSchema schema, Set<String> previewFeatures) {}

  private Optional<Lowered> lowerIfPrisma(SchemaSource source) {
    if (!(source instanceof SchemaSource.PrismaSchemaFiles files)) {
      return Optional.empty();
    }
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(files.files());
    if (checked.hasErrors()) {
      throw new InvalidSchemaException(files.location(), checked.diagnostics());
    }
    return Optional.of(new Lowered(
        PrismaLowering.lower(checked.schema()), PrismaVisibility.previewFeatures(checked.schema())));
  }

  private DatabaseSchema resolveDatabaseSide(SchemaSource source, List<String> namespaces) {
    InspectOptions options = namespaces.isEmpty() ? InspectOptions.defaults() : InspectOptions.multiSchema(namespaces);
    if (source instanceof SchemaSource.Database d) {
      return inspectDatabase(d.url(), options);
    }
    if (source instanceof SchemaSource.Migrations m) {
      return replayAndInspect(m, options);
    }
    return DatabaseSchema.empty(PrismaLowering.DEFAULT_SCHEMA);
  }

  private static DatabaseSchema inspectDatabase(DatabaseUrl url, InspectOptions options) {
    try (Connection connection = PgConnections.open(url)) {
      return PgInspector.inspect(connection, options.withDefaultSchema(url.schema()));
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Reading " + url.masked() + " failed: " + DatabaseUrl.mask(e.getMessage()), e);
    }
  }

  private DatabaseSchema replayAndInspect(SchemaSource.Migrations source, InspectOptions options) {
    MigrationsDirectory directory = MigrationsDirectory.read(source.directory());
    List<Diagnostic> errors = directory.allProblems().stream().filter(Diagnostic::isError).toList();
    if (!errors.isEmpty()) {
      Diagnostic first = errors.get(0);
      throw new StrataException(
          ErrorCode.INVALID_INPUT,
          "The migrations folder " + source.location() + " cannot be replayed: " + first.message()
              + (errors.size() > 1 ? " (and " + dev.strata.diag.Plural.of(errors.size() - 1, "more problem", "more problems") + ")" : ""));
    }
    try (ShadowDatabases.Lease shadow = shadows.open()) {
      MigrationReplayer.on(shadow.connection()).replay(directory.folders());
      return PgInspector.inspect(shadow.connection(), options);
    }
  }
}
