package dev.strata.config;

import dev.strata.diag.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The text of a project's schema: every file read from a {@link SchemaLocation}, in path order.
 *
 * @param files absolute paths, in the same order as {@code sources}
 * @param sources one per file, each named by its path relative to the working directory (with
 *     {@code /} separators), UTF-8 BOM removed
 */
public record SchemaSources(SchemaLocation location, List<Path> files, List<SourceFile> sources) {
  public SchemaSources {
    Objects.requireNonNull(location, "location");
    files = List.copyOf(files);
    sources = List.copyOf(sources);
  }
}
