package dev.strata;

import dev.strata.diag.Diagnostic;
import java.util.List;

/** A Prisma schema used as a comparison side has errors; carries them for rendering. */
public final class InvalidSchemaException extends StrataException {
  private final transient List<Diagnostic> diagnostics;

  public InvalidSchemaException(String location, List<Diagnostic> diagnostics) {
    super(
        ErrorCode.CHECK_FAILED,
        "The schema at " + location + " is invalid ("
            + dev.strata.diag.Plural.of(diagnostics.stream().filter(Diagnostic::isError).count(), "error") + "); run 'strata validate' for details.");
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
