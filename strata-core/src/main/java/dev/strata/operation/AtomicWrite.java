package dev.strata.operation;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file through a temporary file beside it and an atomic move: an interrupted write never
 * leaves half a file. The one way the operations write a user's files ({@code format}, {@code db
 * pull}, {@code init}, {@code docs}).
 *
 * <p>The file keeps the permissions it had: {@code strata format} must not turn a schema readable
 * by the team into one only its owner can read. A new file gets the permissions any program
 * creating a file gets (0666 less the umask), except through {@link #writePrivate}, for a file
 * that holds secrets ({@code .env}), which only its owner may read.
 */
public final class AtomicWrite {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private AtomicWrite() {}

  /**
   * Writes {@code text} (UTF-8) to {@code target}, creating its folder; an existing file keeps its
   * permissions.
   *
   * @throws StrataException ({@code FILE_NOT_FOUND}) when it cannot be written
   */
  public static void write(Path target, String text) {
    write(target, text, false);
  }

  /**
   * As {@link #write}, for a file with secrets: created readable and writable by its owner only
   * (an existing file keeps its permissions, which the user chose).
   */
  public static void writePrivate(Path target, String text) {
    write(target, text, true);
  }

  private static void write(Path target, String text, boolean secret) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = createTemporary(dir);
      try {
        PosixFileAttributeView posix = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (posix != null) {
          Set<PosixFilePermission> keep = existingPermissions(target);
          if (keep != null) {
            posix.setPermissions(keep);
          } else if (secret) {
            posix.setPermissions(OWNER_ONLY);
          }
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not write " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * A new empty file in {@code dir} with the permissions the umask gives: {@code
   * Files.createTempFile} would make it owner-only, and the move would pass that on to the target.
   */
  private static Path createTemporary(Path dir) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve(".strata-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
      try {
        Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return tmp;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  private static Set<PosixFilePermission> existingPermissions(Path target) throws IOException {
    try {
      return Files.getPosixFilePermissions(target);
    } catch (NoSuchFileException | UnsupportedOperationException e) {
      return null; // a new file, or a file system without POSIX permissions
    }
  }
}
