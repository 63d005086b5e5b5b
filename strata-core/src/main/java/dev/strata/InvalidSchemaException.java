package dev.strata;

import dev.strata.diag.Diagnostic;
import java.util.List;

/** A Prisma schema an operation reads (a comparison side, the schema of {@code migrate dev}) has errors; carries them for rendering. */
public final class InvalidSchemaException extends StrataException {
  private final transient List<Diagnostic> diagnostics;

  public InvalidSchemaException(String location, List<Diagnostic> diagnostics) {
    super(
        ErrorCode.CHECK_FAILED,
        "The schema at " + location + " is invalid ("
            + dev.strata.diag.Plural.of(diagnostics.stream().filter(Diagnostic::isError).count(), "error") + "); run 'strata validate' for details.");
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** With the operation's own code and message (for example {@code INVALID_INPUT}, "nothing was changed"). */
  public InvalidSchemaException(ErrorCode code, String message, List<Diagnostic> diagnostics) {
    super(code, message);
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
