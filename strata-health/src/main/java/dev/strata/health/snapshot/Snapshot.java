package dev.strata.health.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One measurement: the database's size and each table's, at one time. */
public record Snapshot(Instant takenAt, List<Size> sizes) {
  public Snapshot {
    sizes = List.copyOf(sizes);
  }

  /** One object's size. */
  public record Size(String kind, String schema, String name, long bytes, long rows) {
    public String key() {
      return kind.equals("database") ? "database" : schema + "." + name;
    }
  }

  public Optional<Size> database() {
    return sizes.stream().filter(s -> s.kind().equals("database")).findFirst();
  }
}
