package dev.strata.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder of the project a command works on when it is run in one of the project's subfolders.
 *
 * <p>Prisma 7 itself looks only in the working directory (for its config file and for {@code
 * schema.prisma} or {@code prisma/schema.prisma}). Strata does the same when the working directory
 * is a project, and otherwise looks in each parent folder in turn for the same markers: a Prisma
 * config file ({@link PrismaConfigFile#CANDIDATES}), {@code schema.prisma}, {@code
 * prisma/schema.prisma}, a {@code prisma/schema/} folder, or a {@code package.json} with a {@code
 * "prisma"} key. The search stops at the root of the Git repository the working directory is in.
 *
 * @param directory the project's folder
 * @param marker what was found there, as a path relative to it ({@code prisma/schema.prisma})
 */
public record ProjectRoot(Path directory, String marker) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_PACKAGE_JSON = 1024 * 1024;

  /** The project the working directory is in: itself, or the nearest parent folder that is a project. */
  public static Optional<ProjectRoot> find(Path workingDir) {
    for (Path dir = SchemaLocator.normalize(workingDir); dir != null; dir = dir.getParent()) {
      Optional<String> marker = markerIn(dir);
      if (marker.isPresent()) {
        return Optional.of(new ProjectRoot(dir, marker.get()));
      }
      if (Files.exists(dir.resolve(".git"))) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * The folder relative paths resolve against: the project found above the working directory when
   * the working directory itself is not one, else the working directory.
   */
  public static Path of(Path workingDir) {
    return find(workingDir).map(ProjectRoot::directory).orElse(SchemaLocator.normalize(workingDir));
  }

  /** What makes {@code dir} a project, if anything. */
  static Optional<String> markerIn(Path dir) {
    Optional<Path> config = PrismaConfigFile.find(dir);
    if (config.isPresent()) {
      return Optional.of(dir.relativize(config.get()).toString().replace('\\', '/'));
    }
    for (String candidate : new String[] {"schema.prisma", "prisma/schema.prisma"}) {
      if (Files.isRegularFile(dir.resolve(candidate))) {
        return Optional.of(candidate);
      }
    }
    if (Files.isDirectory(dir.resolve("prisma/schema"))) {
      return Optional.of("prisma/schema/");
    }
    Path packageJson = dir.resolve("package.json");
    if (Files.isRegularFile(packageJson) && hasPrismaKey(packageJson)) {
      return Optional.of("package.json");
    }
    return Optional.empty();
  }

  private static boolean hasPrismaKey(Path packageJson) {
    try {
      if (Files.size(packageJson) > MAX_PACKAGE_JSON) {
        return false;
      }
      JsonNode root = JSON.readTree(packageJson.toFile());
      return root != null && root.isObject() && root.has("prisma");
    } catch (IOException | RuntimeException e) {
      return false; // an unreadable package.json does not make a project
    }
  }
}
