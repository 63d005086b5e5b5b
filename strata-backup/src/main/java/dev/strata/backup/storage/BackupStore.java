package dev.strata.backup.storage;

import dev.strata.backup.manifest.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where finished backups are kept: a local folder ({@link LocalStore}) or object storage ({@link S3Store}). */
public interface BackupStore {
  /** A backup as found: complete (a readable manifest), unreadable, or left by a run that did not finish. */
  record Entry(String id, Optional<Manifest> manifest, boolean incomplete, Optional<String> unreadable, Instant modified) {}

  /** Where it is, for messages: a folder or {@code s3://bucket/prefix}. */
  String describe();

  /** Where one backup is, for messages. */
  String describe(String id);

  /** Every backup, newest id first. */
  List<Entry> list();

  default Optional<Entry> find(String id) {
    return list().stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /** Whether the backup's manifest still has the checksum written beside it. */
  boolean manifestIntact(String id);

  /** The backup's files under its data path, relative to the backup ({@code data/3456.dat.gz}). */
  List<String> files(String id, String dataPath) throws IOException;

  /** The size of one file, or -1 when it is missing. */
  long size(String id, String path) throws IOException;

  /** Reads one file (streamed). */
  InputStream open(String id, String path) throws IOException;

  /** The start of one file, at least {@code bytes} of it when it is that long (the caller reads no further). */
  default InputStream openStart(String id, String path, long bytes) throws IOException {
    return open(id, path);
  }

  /** Rewrites the manifest (and its checksum) of a backup. */
  void writeManifest(String id, Manifest manifest);

  /**
   * The backup as a local folder pg_restore can read: the folder itself for a local store, else a
   * copy downloaded under {@code scratch} (which the caller deletes).
   */
  Path local(String id, Path scratch);

  /** Deletes a backup. */
  void delete(String id);
}
