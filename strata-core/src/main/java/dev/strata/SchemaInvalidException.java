package dev.strata;

import dev.strata.diag.Diagnostic;
import java.util.List;

/**
 * The configured Prisma schema has errors, so an operation that needs it valid did nothing: the
 * diagnostics are here for a front end to render (with their carets), the message lists the first.
 */
public final class SchemaInvalidException extends StrataException {
  private final String location;
  private final transient List<Diagnostic> diagnostics;

  public SchemaInvalidException(String location, List<Diagnostic> diagnostics, String message) {
    super(ErrorCode.INVALID_INPUT, message);
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
