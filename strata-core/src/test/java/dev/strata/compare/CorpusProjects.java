package dev.strata.compare;

import dev.strata.SchemaSource;
import dev.strata.config.SchemaLocator;
import dev.strata.config.SchemaSources;
import dev.strata.embedded.SharedData;
import java.nio.file.Path;
import java.util.List;

/** The eight corpus projects as {@code strata migrate diff} is pointed at them: schema and migrations. */
final class CorpusProjects {
  private CorpusProjects() {}

  /** One project: its corpus folder, its schema (a file or a folder of files) and its migrations folder. */
  record Project(String name, Path root, String schema, String migrations) {
    Path schemaPath() {
      return root.resolve(schema);
    }

    Path migrationsPath() {
      return root.resolve(migrations);
    }

    /** The schema as {@code --to-schema <path>} reads it (a folder gives all its .prisma files). */
    SchemaSource.PrismaSchemaFiles schemaSource() {
      SchemaSources sources = SchemaLocator.read(root, SchemaLocator.explicit(root, schema));
      return new SchemaSource.PrismaSchemaFiles(sources.sources(), schema);
    }

    SchemaSource.Migrations migrationsSource() {
      return new SchemaSource.Migrations(migrationsPath(), migrations);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Project> all() {
    Path corpus = SharedData.corpus();
    return List.of(
        project(corpus, "documenso__documenso", "packages/prisma/schema.prisma", "packages/prisma/migrations"),
        project(corpus, "ghostfolio__ghostfolio", "prisma/schema.prisma", "prisma/migrations"),
        project(corpus, "hoppscotch__hoppscotch", "packages/hoppscotch-backend/prisma/schema.prisma",
            "packages/hoppscotch-backend/prisma/migrations"),
        project(corpus, "langfuse__langfuse", "packages/shared/prisma/schema.prisma", "packages/shared/prisma/migrations"),
        project(corpus, "linkwarden__linkwarden", "packages/prisma/schema.prisma", "packages/prisma/migrations"),
        // rallly's schema is the folder: 13 .prisma files
        project(corpus, "lukevella__rallly", "packages/database/prisma", "packages/database/prisma/migrations"),
        project(corpus, "spliit-app__spliit", "prisma/schema.prisma", "prisma/migrations"),
        project(corpus, "umami-software__umami", "prisma/schema.prisma", "prisma/migrations"));
  }

  private static Project project(Path corpus, String name, String schema, String migrations) {
    return new Project(name, corpus.resolve(name), schema, migrations);
  }
}
