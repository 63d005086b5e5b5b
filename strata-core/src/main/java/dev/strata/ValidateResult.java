package dev.strata;

import dev.strata.diag.Diagnostic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Strata#validate()} found, as {@code strata validate} reports it.
 *
 * @param location the schema file or folder (absolute)
 * @param files the schema files read, by the names the diagnostics use
 * @param diagnostics every problem, errors and warnings; each carries its source text, so {@link
 *     dev.strata.diag.DiagnosticRenderer} can show it with carets
 * @param elapsed how long checking took (reading the files excluded)
 */
public record ValidateResult(Path location, List<String> files, List<Diagnostic> diagnostics, Duration elapsed) {
  public ValidateResult {
    Objects.requireNonNull(location, "location");
    files = List.copyOf(files);
    diagnostics = List.copyOf(diagnostics);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Whether the schema has no errors (warnings allowed). */
  public boolean valid() {
    return diagnostics.stream().noneMatch(Diagnostic::isError);
  }

  /** The errors only. */
  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }

  public long errorCount() {
    return diagnostics.stream().filter(Diagnostic::isError).count();
  }

  public long warningCount() {
    return diagnostics.size() - errorCount();
  }
}
