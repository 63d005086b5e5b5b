package dev.strata.health.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Snapshots in the table {@code strata.health_snapshots} of the database itself (created on first use). */
public final class DatabaseSnapshotStore implements SnapshotStore {
  private final Connection connection;

  public DatabaseSnapshotStore(Connection connection) {
    this.connection = connection;
  }

  @Override
  public void save(Snapshot snapshot) throws SQLException {
    boolean auto = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      try (Statement s = connection.createStatement()) {
        s.execute(Snapshots.sql("create"));
      }
      try (PreparedStatement insert = connection.prepareStatement(Snapshots.sql("insert"))) {
        for (Snapshot.Size size : snapshot.sizes()) {
          insert.setTimestamp(1, Timestamp.from(snapshot.takenAt()));
          insert.setString(2, size.kind());
          insert.setString(3, size.schema());
          insert.setString(4, size.name());
          insert.setLong(5, size.bytes());
          insert.setLong(6, size.rows());
          insert.addBatch();
        }
        insert.executeBatch();
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(auto);
    }
  }

  @Override
  public List<Snapshot> load(Instant since) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(Snapshots.sql("exists"))) {
      if (!rs.next() || !rs.getBoolean(1)) {
        return List.of();
      }
    }
    Map<Instant, List<Snapshot.Size>> byTime = new LinkedHashMap<>();
    try (PreparedStatement s = connection.prepareStatement(Snapshots.sql("load"))) {
      s.setTimestamp(1, Timestamp.from(since));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          byTime.computeIfAbsent(rs.getTimestamp("taken_at").toInstant(), t -> new ArrayList<>()).add(new Snapshot.Size(
              rs.getString("kind"), rs.getString("schema_name"), rs.getString("name"), rs.getLong("bytes"), rs.getLong("row_count")));
        }
      }
    }
    List<Snapshot> snapshots = new ArrayList<>();
    byTime.forEach((at, sizes) -> snapshots.add(new Snapshot(at, sizes)));
    return snapshots;
  }

  @Override
  public String describe() {
    return "table strata.health_snapshots";
  }
}
