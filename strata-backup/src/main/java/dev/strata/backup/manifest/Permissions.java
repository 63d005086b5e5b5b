package dev.strata.backup.manifest;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/** Backups hold the whole database: files {@code 0600}, folders {@code 0700} (where the file system has POSIX permissions). */
public final class Permissions {
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private Permissions() {}

  public static void privateFile(Path file) throws IOException {
    if (POSIX) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  public static void privateFolder(Path folder) throws IOException {
    if (POSIX) {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /** Every file and folder under {@code root}, and {@code root} itself. */
  public static void privateTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        if (Files.isDirectory(p)) {
          privateFolder(p);
        } else {
          privateFile(p);
        }
      }
    }
  }
}
