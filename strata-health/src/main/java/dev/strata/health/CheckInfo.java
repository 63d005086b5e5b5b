package dev.strata.health;

import java.util.Map;

/**
 * A check of the catalogue: what {@code strata health --list} shows and {@code strata.toml} configures.
 *
 * @param id the check's id
 * @param title what it looks at
 * @param thresholds its thresholds and their defaults
 * @param needsRole a predefined role it needs, or "" when it needs none
 */
public record CheckInfo(String id, String title, Map<String, Double> thresholds, String needsRole) {
  public CheckInfo {
    thresholds = Map.copyOf(thresholds);
  }
}
