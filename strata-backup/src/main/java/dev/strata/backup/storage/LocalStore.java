package dev.strata.backup.storage;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.backup.manifest.Manifest;
import dev.strata.backup.manifest.ManifestIo;
import dev.strata.backup.manifest.Permissions;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Backups in a local folder, one folder per backup ({@code <root>/<id>/}: {@code manifest.json},
 * its checksum, and the dump). A backup is written in {@code <root>/.<id>.partial/} and renamed
 * to its id only once pg_dump succeeded and the manifest is written: a dump that was killed, or a
 * full disk, never leaves a folder that looks like a backup.
 */
public final class LocalStore {
  private static final String PARTIAL = ".partial";

  /** A backup folder as found: complete (a manifest) or left by a run that did not finish. */
  public record Entry(String id, Path folder, Optional<Manifest> manifest, boolean incomplete, Optional<String> unreadable) {}

  private final Path root;

  public LocalStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** A new, empty folder for the backup {@code id} while it is written. */
  public Path startPartial(String id) {
    try {
      Files.createDirectories(root);
      Permissions.privateFolder(root);
      Path partial = root.resolve("." + id + PARTIAL);
      Files.createDirectory(partial);
      Permissions.privateFolder(partial);
      return partial;
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not create the backup folder in " + root + ": " + e.getMessage(), e);
    }
  }

  /** Makes the written backup visible under its id. */
  public Path complete(Path partial, String id) {
    try {
      Path folder = root.resolve(id);
      Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
      return folder;
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not finish the backup folder " + root.resolve(id) + ": " + e.getMessage(), e);
    }
  }

  /** Every backup folder, newest id first. */
  public List<Entry> list() {
    List<Entry> entries = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return entries;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(PARTIAL)) {
          entries.add(new Entry(name.substring(1, name.length() - PARTIAL.length()), child, Optional.empty(), true, Optional.empty()));
        } else if (Files.isRegularFile(child.resolve(ManifestIo.FILE))) {
          try {
            entries.add(new Entry(name, child, Optional.of(ManifestIo.read(child)), false, Optional.empty()));
          } catch (StrataException e) {
            entries.add(new Entry(name, child, Optional.empty(), false, Optional.of(e.getMessage())));
          }
        }
      }
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not list the backups in " + root + ": " + e.getMessage(), e);
    }
    entries.sort(Comparator.comparing(Entry::id).reversed());
    return entries;
  }

  /** The backup {@code id}, complete or not. */
  public Optional<Entry> find(String id) {
    return list().stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /** Deletes a backup folder and everything in it. */
  public void delete(Path folder) {
    if (!folder.toAbsolutePath().normalize().startsWith(root)) {
      throw new StrataException(ErrorCode.INTERNAL, "refusing to delete " + folder + " outside " + root);
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not delete " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Deletes quietly (the cleanup after a failed run, which must not hide the first error). */
  public void deleteQuietly(Path folder) {
    try {
      delete(folder);
    } catch (RuntimeException ignored) {
      // The folder stays a .partial one, which list() shows as incomplete and prune removes.
    }
  }
}
