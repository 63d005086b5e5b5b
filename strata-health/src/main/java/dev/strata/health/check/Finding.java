package dev.strata.health.check;

import dev.strata.health.CheckStatus;
import dev.strata.health.Severity;
import java.util.List;
import java.util.Optional;

/** What one check concluded; the runner adds its id, title and time to make a {@code CheckResult}. */
public record Finding(
    CheckStatus status,
    Severity severity,
    String summary,
    List<String> columns,
    List<List<String>> rows,
    Optional<String> fix,
    Optional<String> fixSql,
    Optional<String> privilege) {

  /** Nothing to report. */
  public static Finding pass(String summary) {
    return new Finding(CheckStatus.PASSED, Severity.OK, summary, List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Nothing to report, with rows worth seeing anyway (sizes, settings). */
  public static Finding pass(String summary, Rows evidence) {
    return new Finding(CheckStatus.PASSED, Severity.OK, summary, evidence.columns(), evidence.text(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /** A finding of {@code severity} ({@link Severity#OK} makes it a pass), its evidence, and the fix. */
  public static Finding found(Severity severity, String summary, Rows evidence, String fix, String fixSql) {
    if (severity == Severity.OK) {
      return pass(summary, evidence);
    }
    return new Finding(CheckStatus.FOUND, severity, summary, evidence.columns(), evidence.text(), Optional.ofNullable(fix),
        Optional.ofNullable(fixSql).filter(s -> !s.isBlank()), Optional.empty());
  }

  /** Could not run as this role; {@code privilege} would let it. */
  public static Finding skipped(String summary, String privilege) {
    return new Finding(CheckStatus.SKIPPED, Severity.OK, summary, List.of(), List.of(), Optional.empty(), Optional.empty(),
        Optional.of(privilege));
  }

  /** Needs set-up first; {@code fix} says which. */
  public static Finding notConfigured(String summary, String fix, String fixSql) {
    return new Finding(CheckStatus.NOT_CONFIGURED, Severity.OK, summary, List.of(), List.of(), Optional.ofNullable(fix),
        Optional.ofNullable(fixSql), Optional.empty());
  }

  /** The query failed; {@code message} says why (no stack trace). */
  public static Finding error(String message) {
    return new Finding(CheckStatus.ERROR, Severity.OK, message, List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The severity of {@code value} against thresholds where higher is worse. */
  public static Severity above(double value, double warning, double critical) {
    return value >= critical ? Severity.CRITICAL : value >= warning ? Severity.WARNING : Severity.OK;
  }

  /** The severity of {@code value} against thresholds where lower is worse. */
  public static Severity below(double value, double warning, double critical) {
    return value < critical ? Severity.CRITICAL : value < warning ? Severity.WARNING : Severity.OK;
  }

  /** The worst of the severities of {@code rows} by {@code grade}. */
  public static Severity worst(Rows rows, java.util.function.Function<java.util.Map<String, Object>, Severity> grade) {
    return rows.maps().stream().map(grade).max(Enum::compareTo).orElse(Severity.OK);
  }
}
