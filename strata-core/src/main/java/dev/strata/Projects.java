package dev.strata;

import dev.strata.config.ProjectConfig;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.ast.PrismaSchema;
import java.util.Optional;

/**
 * What a front end needs from a project's schema before it picks its database: the datasource
 * block's name (Prisma shows it on the "Datasource" line) and, in a Prisma 6 project, the {@code
 * url = env("X")} that decides which variable holds the URL. Read with the parser only (a schema
 * with validation errors still names its datasource).
 */
public final class Projects {
  /** Prisma's name for the datasource when the schema names none. */
  public static final String DEFAULT_DATASOURCE_NAME = "db";

  private Projects() {}

  /**
   * The datasource of a schema.
   *
   * @param name the block's name ({@value #DEFAULT_DATASOURCE_NAME} when there is no block)
   * @param urlReference the variable name of {@code url = env("X")}, or a literal URL, when the
   *     block has a {@code url}
   */
  public record SchemaDatasource(String name, Optional<String> urlReference) {
    public SchemaDatasource {
      java.util.Objects.requireNonNull(name, "name");
      java.util.Objects.requireNonNull(urlReference, "urlReference");
    }
  }

  /**
   * The datasource of the project's schema, or empty when the project has no schema.
   *
   * @throws StrataException when the schema cannot be read (missing, unreadable, not UTF-8)
   */
  public static Optional<SchemaDatasource> datasource(ProjectConfig project) {
    if (project.schema().isEmpty()) {
      return Optional.empty();
    }
    PrismaSchema parsed = PrismaFrontEnd.parse(project.readSchema().sources()).schema();
    return Optional.of(new SchemaDatasource(PrismaFrontEnd.datasourceName(parsed).orElse(DEFAULT_DATASOURCE_NAME),
        PrismaFrontEnd.datasourceUrlReference(parsed)));
  }

  /**
   * The project with the schema's {@code url = env("X")} taken into account (Prisma 6 projects name
   * the variable there); unchanged when there is no readable schema or it names no URL.
   */
  public static ProjectConfig withSchemaDatasourceUrl(ProjectConfig project) {
    try {
      return datasource(project).flatMap(SchemaDatasource::urlReference).map(project::withSchemaDatasourceUrl).orElse(project);
    } catch (StrataException e) {
      return project;
    }
  }
}
