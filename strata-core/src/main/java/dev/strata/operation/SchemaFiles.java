package dev.strata.operation;

import dev.strata.ErrorCode;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.config.SchemaLocator;
import dev.strata.config.SchemaSources;
import java.nio.file.Path;

/** The schema an operation works on, read safely (see {@link SchemaLocator#read}). */
public final class SchemaFiles {
  private SchemaFiles() {}

  /**
   * Reads the schema: the project's, located as the CLI does (an explicit path, the config file's
   * {@code schema}, the default places, which the error lists when none exists), else the
   * configured path.
   *
   * @throws StrataException when no schema is configured, or it is missing or unreadable
   */
  public static SchemaSources read(StrataConfig config) {
    if (config.project().isPresent()) {
      return config.project().get().readSchema();
    }
    Path schema = config.schema().orElseThrow(() -> new StrataException(ErrorCode.CONFIG,
        "No Prisma schema is configured: call schema(Path) or project(Path) on the builder."));
    Path cwd = config.workingDirectory();
    return SchemaLocator.read(cwd, SchemaLocator.explicit(cwd, schema.toAbsolutePath().toString()));
  }
}
