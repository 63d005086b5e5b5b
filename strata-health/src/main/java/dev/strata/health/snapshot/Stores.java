package dev.strata.health.snapshot;

import dev.strata.health.config.HealthSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;

/** The snapshot store the user chose: a file ({@code --file}, or {@code snapshots} in strata.toml), else the database table. */
public final class Stores {
  private Stores() {}

  public static SnapshotStore of(HealthSettings settings, Path projectDir, Connection connection, Optional<Path> file) {
    Optional<Path> chosen = file.or(() -> settings.snapshots().map(projectDir::resolve));
    return chosen.<SnapshotStore>map(FileSnapshotStore::new).orElseGet(() -> new DatabaseSnapshotStore(connection));
  }
}
