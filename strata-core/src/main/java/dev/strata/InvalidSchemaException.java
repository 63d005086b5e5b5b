package dev.strata;

import dev.strata.diag.Diagnostic;
import java.util.List;

/**
 * A Prisma schema an operation reads (the configured schema of {@code db push}, {@code db pull},
 * {@code migrate dev}; a comparison side) has errors, so the operation did nothing: the
 * diagnostics are here for a front end to render (with their carets), the message sums them up.
 */
public final class InvalidSchemaException extends StrataException {
  private final String location;
  private final transient List<Diagnostic> diagnostics;

  /** {@code CHECK_FAILED}, with a message that points to {@code strata validate}. */
  public InvalidSchemaException(String location, List<Diagnostic> diagnostics) {
    this(ErrorCode.CHECK_FAILED, location, "The schema at " + location + " is invalid ("
        + dev.strata.diag.Plural.of(diagnostics.stream().filter(Diagnostic::isError).count(), "error")
        + "); run 'strata validate' for details.", diagnostics);
  }

  /** With the operation's own code and message (for example {@code INVALID_INPUT}, "nothing was changed"). */
  public InvalidSchemaException(ErrorCode code, String location, String message, List<Diagnostic> diagnostics) {
    super(code, message);
    this.location = location;
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** The schema's path (a file or a folder). */
  public String location() {
    return location;
  }

  /** Every diagnostic of the schema, errors and warnings. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** How many errors. */
  public long errorCount() {
    return diagnostics.stream().filter(Diagnostic::isError).count();
  }
}
