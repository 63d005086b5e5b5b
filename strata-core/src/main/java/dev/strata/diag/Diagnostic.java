package dev.strata.diag;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in user input: a stable code (e.g. {@code PS204}), a message, where it is, and
 * optionally a short label shown under the caret and a help line.
 */
public record Diagnostic(
    Severity severity,
    String code,
    String message,
    Span span,
    Optional<String> label,
    Optional<String> help) {

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(help, "help");
  }

  public static Diagnostic error(String code, String message, Span span) {
    return new Diagnostic(Severity.ERROR, code, message, span, Optional.empty(), Optional.empty());
  }

  public static Diagnostic warning(String code, String message, Span span) {
    return new Diagnostic(Severity.WARNING, code, message, span, Optional.empty(), Optional.empty());
  }

  public Diagnostic withLabel(String text) {
    return new Diagnostic(severity, code, message, span, Optional.of(text), help);
  }

  public Diagnostic withHelp(String text) {
    return new Diagnostic(severity, code, message, span, label, Optional.of(text));
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
