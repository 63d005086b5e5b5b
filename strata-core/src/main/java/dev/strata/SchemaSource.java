package dev.strata;

import dev.strata.config.DatabaseUrl;
import dev.strata.diag.SourceFile;
import java.nio.file.Path;
import java.util.List;

/** One side of a comparison: where a schema comes from. */
public sealed interface SchemaSource {
  /** How the source is shown to the user: {@code empty}, a path, a masked URL. */
  String describe();

  /** No schema at all. */
  record Empty() implements SchemaSource {
    @Override
    public String describe() {
      return "an empty schema";
    }
  }

  /** A Prisma schema (one file or a folder of files), already read. */
  record PrismaSchemaFiles(List<SourceFile> files, String location) implements SchemaSource {
    public PrismaSchemaFiles {
      files = List.copyOf(files);
    }

    @Override
    public String describe() {
      return location;
    }
  }

  /** A Prisma migrations folder, replayed into a shadow database. */
  record Migrations(Path directory, String location) implements SchemaSource {
    @Override
    public String describe() {
      return location;
    }
  }

  /** A live database. */
  record Database(DatabaseUrl url, String origin) implements SchemaSource {
    @Override
    public String describe() {
      return url.masked();
    }
  }
}
