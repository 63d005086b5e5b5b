package dev.strata.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a project's Prisma schema is: one file or a folder of {@code .prisma} files, and what
 * chose it ({@code --schema}, the config file, or Prisma's default locations).
 *
 * @param path absolute and normalized
 * @param directory whether {@code path} is a folder of schema files
 * @param origin what chose it, for messages: {@code "--schema"}, {@code "prisma.config.ts"}, {@code
 *     "default location"}
 */
public record SchemaLocation(Path path, boolean directory, String origin) {
  public SchemaLocation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(origin, "origin");
  }

  /**
   * The schema's root folder, as Prisma defines it: the folder itself, or the file's parent.
   * Migrations default to {@code <root>/migrations}.
   */
  public Path rootDir() {
    if (directory) {
      return path;
    }
    Path parent = path.getParent();
    return parent == null ? path : parent;
  }
}
