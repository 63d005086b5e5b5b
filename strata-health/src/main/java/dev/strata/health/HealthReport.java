package dev.strata.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@link Health#report(List)} found.
 *
 * @param database the database's name (never its URL or password)
 * @param serverVersion PostgreSQL's {@code server_version}
 * @param role the role the checks ran as
 * @param takenAt when the report was made
 * @param checks one result per check run, in the catalogue's order
 * @param elapsed how long the whole report took
 */
public record HealthReport(
    String database, String serverVersion, String role, Instant takenAt, List<CheckResult> checks, Duration elapsed) {
  public HealthReport {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(serverVersion, "serverVersion");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(takenAt, "takenAt");
    checks = List.copyOf(checks);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** The worst severity found ({@link Severity#OK} when nothing was). */
  public Severity worst() {
    return checks.stream().filter(c -> c.status() == CheckStatus.FOUND).map(CheckResult::severity)
        .max(Enum::compareTo).orElse(Severity.OK);
  }

  /** Whether a finding at or above {@code level} exists ({@code --fail-on}). */
  public boolean failsAt(Severity level) {
    return checks.stream().anyMatch(c -> c.failsAt(level));
  }

  /** The result of check {@code id}. */
  public java.util.Optional<CheckResult> check(String id) {
    return checks.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** How many checks ended in each status, and how many findings of each severity ("passed" → 25, "warning" → 2…). */
  public Map<String, Integer> counts() {
    Map<String, Integer> counts = new TreeMap<>();
    for (CheckResult c : checks) {
      String key = c.status() == CheckStatus.FOUND ? c.severity().label() : c.status().label();
      counts.merge(key, 1, Integer::sum);
    }
    return counts;
  }
}
