package dev.strata.embedded;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * A pristine, never-started cluster kept next to zonky's unpacked binaries, copied into each new
 * temporary data directory instead of running initdb again (package-private helper).
 *
 * <p>initdb takes one to three seconds on a busy machine while copying its output takes a fraction
 * of that, and every test JVM starts a server. The first JVM that runs initdb stores the result;
 * the key covers the binaries, the initdb options and the OS user (file ownership).
 */
final class InitdbCache {
  /** Bump when the initdb options change. */
  private static final String FORMAT = "1|locale=C|encoding=UTF-8";
  private static final Set<String> NOT_CACHED = Set.of("epg-lock", "postmaster.pid", "postmaster.opts");

  private final Path directory;

  private InitdbCache(Path directory) {
    this.directory = directory;
  }

  static InitdbCache forBinaries(Path workingDirectory) {
    URL binaries = InitdbCache.class.getResource(StartupCheck.BINARIES_RESOURCE);
    String key = FORMAT + "|" + binaries + "|" + System.getProperty("user.name", "");
    return new InitdbCache(workingDirectory.resolve("strata-initdb-" + sha256(key).substring(0, 16)));
  }

  /** Fills the empty {@code dataDirectory} from the cache; false (directory left empty) when there is none. */
  boolean seed(Path dataDirectory) {
    if (!isComplete(directory)) {
      return false;
    }
    try {
      FileTrees.copyContents(directory, dataDirectory, Set.of());
      return true;
    } catch (IOException | RuntimeException e) {
      emptyDirectory(dataDirectory);
      return false;
    }
  }

  /** Stores a freshly initialised, not yet started data directory, unless another JVM was first. */
  void store(File freshDataDirectory) {
    if (isComplete(directory)) {
      return;
    }
    Path staging = null;
    try {
      staging = Files.createTempDirectory(directory.getParent(), ".strata-initdb-staging-");
      FileTrees.copyContents(freshDataDirectory.toPath(), staging, NOT_CACHED);
      Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
      staging = null;
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      // Another JVM stored it first, or the file system cannot publish atomically: no cache.
    } catch (IOException | RuntimeException e) {
      // The cache is an optimisation; starting must not fail because of it.
    } finally {
      if (staging != null) {
        FileTrees.deleteQuietly(staging);
      }
    }
  }

  private static boolean isComplete(Path cluster) {
    return Files.isRegularFile(cluster.resolve("PG_VERSION"))
        && Files.isRegularFile(cluster.resolve("postgresql.conf"))
        && Files.isRegularFile(cluster.resolve("global").resolve("pg_control"));
  }

  private static void emptyDirectory(Path dir) {
    try (var children = Files.list(dir)) {
      children.forEach(FileTrees::deleteQuietly);
    } catch (IOException e) {
      // initdb will report a non-empty directory if this failed.
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
