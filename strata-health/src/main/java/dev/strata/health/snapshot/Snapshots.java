package dev.strata.health.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Measures sizes now, for a snapshot or for the growth up to now. */
public final class Snapshots {
  private Snapshots() {}

  public static Snapshot measure(Connection connection) throws SQLException {
    List<Snapshot.Size> sizes = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(sql("measure")); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        sizes.add(new Snapshot.Size(rs.getString("kind"), rs.getString("schema"), rs.getString("name"), rs.getLong("bytes"),
            rs.getLong("row_count")));
      }
    }
    return new Snapshot(Instant.now(), sizes);
  }

  static String sql(String name) {
    try (InputStream in = Snapshots.class.getResourceAsStream(name + ".sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
