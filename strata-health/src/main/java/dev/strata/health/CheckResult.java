package dev.strata.health;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One check's result.
 *
 * @param id the check's stable id ({@code fk-without-index}), as {@code --check} and {@code strata.toml} name it
 * @param title what the check looks at, in a few words
 * @param status whether it ran, found something, was skipped or is not configured
 * @param severity the finding's severity from the thresholds ({@link Severity#OK} when nothing was found or it did not run)
 * @param summary one line: what was found, or why it did not run
 * @param columns the evidence's column names
 * @param rows the evidence: one row per object concerned (a table, an index, a session…)
 * @param fix a one-line fix, when there is something to fix
 * @param fixSql the SQL to run for the fix (statements one per line; may need editing, e.g. a name)
 * @param privilege for a skipped check, the privilege or role that would let it run ({@code pg_monitor})
 * @param elapsed how long the check took
 */
public record CheckResult(
    String id,
    String title,
    CheckStatus status,
    Severity severity,
    String summary,
    List<String> columns,
    List<List<String>> rows,
    Optional<String> fix,
    Optional<String> fixSql,
    Optional<String> privilege,
    Duration elapsed) {
  public CheckResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(summary, "summary");
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
    Objects.requireNonNull(fix, "fix");
    Objects.requireNonNull(fixSql, "fixSql");
    Objects.requireNonNull(privilege, "privilege");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Whether this result counts against {@code --fail-on level}. */
  public boolean failsAt(Severity level) {
    return status == CheckStatus.FOUND && severity.atLeast(level);
  }
}
