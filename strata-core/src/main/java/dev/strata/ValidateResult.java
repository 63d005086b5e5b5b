package dev.strata;

import dev.strata.diag.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Strata#validate()} found: the schema's location and every diagnostic (errors and
 * warnings), as {@code strata validate} reports them.
 */
public record ValidateResult(String location, List<Diagnostic> diagnostics) {
  public ValidateResult {
    Objects.requireNonNull(location, "location");
    diagnostics = List.copyOf(diagnostics);
  }

  /** Whether the schema has no errors (warnings allowed). */
  public boolean valid() {
    return diagnostics.stream().noneMatch(Diagnostic::isError);
  }

  /** The errors only. */
  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }
}
