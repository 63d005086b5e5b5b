package dev.strata.health.snapshot;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Where snapshots are kept: a table in the database, or a local file. */
public interface SnapshotStore {
  /** Stores one snapshot. */
  void save(Snapshot snapshot) throws SQLException;

  /** The snapshots taken at or after {@code since}, oldest first; none when the store does not exist yet. */
  List<Snapshot> load(Instant since) throws SQLException;

  /** Says where, for the user. */
  String describe();
}
