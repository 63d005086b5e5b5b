package dev.strata.health;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Growth measured from the stored snapshots up to now, and projected.
 *
 * @param store where the snapshots came from
 * @param since the oldest snapshot used (empty when there is none)
 * @param snapshots how many snapshots were used
 * @param rows the database first, then the tables by growth, largest first
 */
public record GrowthReport(String store, Optional<Instant> since, int snapshots, List<Growth> rows) {
  public GrowthReport {
    rows = List.copyOf(rows);
  }
}
