package dev.strata.backup.storage;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.backup.manifest.Manifest;
import dev.strata.backup.manifest.ManifestIo;
import dev.strata.backup.manifest.Permissions;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
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
 *
 * <p>A folder it creates gets a {@code .gitignore} that ignores everything in it: the default
 * folder is {@code backups/} in the project, and a dump of the database must never be committed
 * with the code by a {@code git add .}. A folder that already exists is left as it is.
 */
public final class LocalStore implements BackupStore {
  private static final String PARTIAL = ".partial";

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
      boolean fresh = !Files.exists(root);
      Files.createDirectories(root);
      Permissions.privateFolder(root);
      if (fresh) {
        Files.writeString(root.resolve(".gitignore"),
            "# Written by strata backup: backups hold the database's data, so Git never takes them.\n*\n");
      }
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

  @Override
  public String describe() {
    return root.toString();
  }

  @Override
  public String describe(String id) {
    return root.resolve(id).toString();
  }

  /** The folder of a finished backup, or of the run {@code id} that did not finish. */
  public Path folder(String id) {
    Path complete = root.resolve(id);
    return Files.isDirectory(complete) ? complete : root.resolve("." + id + PARTIAL);
  }

  @Override
  public List<Entry> list() {
    List<Entry> entries = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return entries;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        Instant modified = Files.getLastModifiedTime(child).toInstant();
        if (name.startsWith(".") && name.endsWith(PARTIAL)) {
          entries.add(new Entry(name.substring(1, name.length() - PARTIAL.length()), Optional.empty(), true, Optional.empty(), modified));
        } else if (Files.isRegularFile(child.resolve(ManifestIo.FILE))) {
          try {
            entries.add(new Entry(name, Optional.of(ManifestIo.read(child)), false, Optional.empty(), modified));
          } catch (StrataException e) {
            entries.add(new Entry(name, Optional.empty(), false, Optional.of(e.getMessage()), modified));
          }
        }
      }
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not list the backups in " + root + ": " + e.getMessage(), e);
    }
    entries.sort(Comparator.comparing(Entry::id).reversed());
    return entries;
  }

  @Override
  public boolean manifestIntact(String id) {
    return ManifestIo.intact(root.resolve(id));
  }

  @Override
  public List<String> files(String id, String dataPath) throws IOException {
    Path folder = root.resolve(id);
    Path data = folder.resolve(dataPath);
    if (Files.isRegularFile(data)) {
      return List.of(dataPath);
    }
    if (!Files.isDirectory(data)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(data)) {
      return walk.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
  }

  @Override
  public long size(String id, String path) throws IOException {
    Path file = resolve(id, path);
    return Files.isRegularFile(file) ? Files.size(file) : -1;
  }

  @Override
  public InputStream open(String id, String path) throws IOException {
    return Files.newInputStream(resolve(id, path));
  }

  private Path resolve(String id, String path) throws IOException {
    Path folder = root.resolve(id);
    Path file = folder.resolve(path).normalize();
    if (!file.startsWith(folder)) {
      throw new IOException(path + " is outside the backup folder");
    }
    return file;
  }

  @Override
  public void writeManifest(String id, Manifest manifest) {
    ManifestIo.write(root.resolve(id), manifest);
  }

  @Override
  public Path local(String id, Path scratch) {
    return root.resolve(id);
  }

  @Override
  public void delete(String id) {
    delete(folder(id));
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
