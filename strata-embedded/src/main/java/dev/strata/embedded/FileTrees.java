package dev.strata.embedded;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/** Recursive copy and delete of directory trees (package-private helper). */
final class FileTrees {
  private FileTrees() {}

  /** Deletes a file or a directory tree, ignoring failures: used for cleanup only. */
  static void deleteQuietly(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          tryDelete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
          tryDelete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
          tryDelete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // Best effort.
    }
  }

  private static void tryDelete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Best effort.
    }
  }

  /**
   * Copies the contents of {@code source} into the existing directory {@code target}, keeping
   * permissions (PostgreSQL insists on 0700 data directories), and skipping the named top-level
   * entries.
   */
  static void copyContents(Path source, Path target, Set<String> skipTopLevel) throws IOException {
    Files.walkFileTree(source, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (dir.equals(source)) {
          return FileVisitResult.CONTINUE;
        }
        if (dir.getParent().equals(source) && skipTopLevel.contains(dir.getFileName().toString())) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.copy(dir, target.resolve(source.relativize(dir).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (file.getParent().equals(source) && skipTopLevel.contains(file.getFileName().toString())) {
          return FileVisitResult.CONTINUE;
        }
        Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
            LinkOption.NOFOLLOW_LINKS);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
