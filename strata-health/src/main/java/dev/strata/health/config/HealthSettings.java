package dev.strata.health.config;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * The {@code [health]} part of {@code strata.toml}: thresholds per check, checks turned off, and
 * where snapshots are kept.
 *
 * <pre>
 * [health]
 * skip = ["cache-hit-ratio"]            # checks never run
 * snapshots = ".strata/health-snapshots.jsonl"   # default: the table strata.health_snapshots
 *
 * [health.sequence-exhaustion]
 * warning = 70                          # percent of the column type's maximum
 * critical = 85
 * </pre>
 *
 * @param thresholds per check id, threshold name → value
 * @param skip check ids never run
 * @param snapshots a file for snapshots, relative to the project; empty: the database table
 * @param source the file read, when there was one
 */
public record HealthSettings(Map<String, Map<String, Double>> thresholds, Set<String> skip, Optional<String> snapshots, Optional<Path> source) {
  public static final String FILE = dev.strata.config.StrataToml.FILE;

  public HealthSettings {
    thresholds = Map.copyOf(thresholds);
    skip = Set.copyOf(skip);
  }

  public static HealthSettings defaults() {
    return new HealthSettings(Map.of(), Set.of(), Optional.empty(), Optional.empty());
  }

  /** The settings with {@code id}'s threshold {@code key} set (tests and callers that build settings in code). */
  public HealthSettings with(String id, String key, double value) {
    Map<String, Map<String, Double>> copy = new HashMap<>();
    thresholds.forEach((k, v) -> copy.put(k, new HashMap<>(v)));
    copy.computeIfAbsent(id, k -> new HashMap<>()).put(key, value);
    return new HealthSettings(copy, skip, snapshots, source);
  }

  /** The threshold {@code key} of check {@code id} when set. */
  public Optional<Double> threshold(String id, String key) {
    return Optional.ofNullable(thresholds.getOrDefault(id, Map.of()).get(key));
  }

  /** Reads {@code strata.toml} in {@code projectDir}; the defaults when the file or its {@code [health]} table is absent. */
  public static HealthSettings read(Path projectDir) {
    Optional<TomlParseResult> parsed = dev.strata.config.StrataToml.read(projectDir);
    if (parsed.isEmpty()) {
      return defaults();
    }
    TomlParseResult toml = parsed.get();
    Path file = projectDir.resolve(FILE);
    TomlTable health = toml.getTable("health");
    if (health == null) {
      return new HealthSettings(Map.of(), Set.of(), Optional.empty(), Optional.of(file));
    }
    Map<String, Map<String, Double>> thresholds = new HashMap<>();
    Set<String> skip = new java.util.HashSet<>();
    Optional<String> snapshots = Optional.empty();
    for (String key : health.keySet()) {
      Object value = health.get(List.of(key));
      switch (key) {
        case "skip" -> {
          if (!(value instanceof org.tomlj.TomlArray array)) {
            throw invalid(key, "a list of check ids");
          }
          for (int i = 0; i < array.size(); i++) {
            skip.add(String.valueOf(array.get(i)));
          }
        }
        case "snapshots" -> {
          if (!(value instanceof String path)) {
            throw invalid(key, "a file path (or leave it out for the database table)");
          }
          snapshots = Optional.of(path);
        }
        default -> {
          if (!(value instanceof TomlTable table)) {
            throw invalid(key, "a table of thresholds ([health." + key + "])");
          }
          Map<String, Double> values = new HashMap<>();
          for (String name : table.keySet()) {
            Object v = table.get(List.of(name));
            if (!(v instanceof Number n)) {
              throw invalid(key + "." + name, "a number");
            }
            values.put(name, n.doubleValue());
          }
          thresholds.put(key, values);
        }
      }
    }
    return new HealthSettings(thresholds, skip, snapshots, Optional.of(file));
  }

  private static StrataException invalid(String key, String expected) {
    return new StrataException(ErrorCode.CONFIG, FILE + ": health." + key + " must be " + expected + ".");
  }
}
