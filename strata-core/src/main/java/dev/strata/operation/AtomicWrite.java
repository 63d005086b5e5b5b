package dev.strata.operation;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file through a temporary file beside it and an atomic move: an interrupted write never
 * leaves half a file. The one way the operations write a user's files ({@code format}, {@code db
 * pull}, {@code init}).
 */
public final class AtomicWrite {
  private AtomicWrite() {}

  /**
   * Writes {@code text} (UTF-8) to {@code target}, creating its folder.
   *
   * @throws StrataException ({@code FILE_NOT_FOUND}) when it cannot be written
   */
  public static void write(Path target, String text) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".strata-", ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not write " + target + ": " + e.getMessage(), e);
    }
  }
}
