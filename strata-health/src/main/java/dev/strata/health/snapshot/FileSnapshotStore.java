package dev.strata.health.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Snapshots in a local file, one JSON document a line (appended; nothing is written to the database). */
public final class FileSnapshotStore implements SnapshotStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  public FileSnapshotStore(Path file) {
    this.file = file;
  }

  /** The line format: the time as text, sizes as a list. */
  record Line(String takenAt, List<Snapshot.Size> sizes) {}

  @Override
  public void save(Snapshot snapshot) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      String line = JSON.writeValueAsString(new Line(snapshot.takenAt().toString(), snapshot.sizes())) + "\n";
      Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not write the snapshot file " + file + ": " + e.getMessage());
    }
  }

  @Override
  public List<Snapshot> load(Instant since) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<Snapshot> snapshots = new ArrayList<>();
    try {
      int number = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        Line read;
        try {
          read = JSON.readValue(line, Line.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new StrataException(ErrorCode.INVALID_INPUT, file + " line " + number + " is not a snapshot: " + e.getOriginalMessage());
        }
        Instant at = Instant.parse(read.takenAt());
        if (!at.isBefore(since)) {
          snapshots.add(new Snapshot(at, read.sizes()));
        }
      }
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not read the snapshot file " + file + ": " + e.getMessage());
    }
    snapshots.sort(Comparator.comparing(Snapshot::takenAt));
    return snapshots;
  }

  @Override
  public String describe() {
    return file.toString();
  }
}
