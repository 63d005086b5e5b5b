package dev.strata.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A collector of diagnostics: front-end stages add to it and never throw for bad input. */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public void add(Diagnostic diagnostic) {
    items.add(diagnostic);
  }

  public void addAll(Iterable<Diagnostic> diagnostics) {
    diagnostics.forEach(items::add);
  }

  public void error(String code, String message, Span span) {
    add(Diagnostic.error(code, message, span));
  }

  public void warning(String code, String message, Span span) {
    add(Diagnostic.warning(code, message, span));
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  public long errorCount() {
    return items.stream().filter(Diagnostic::isError).count();
  }

  public long warningCount() {
    return items.size() - errorCount();
  }

  /** All diagnostics, in source order (file, then offset), errors before warnings at the same place. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> copy = new ArrayList<>(items);
    copy.sort(
        Comparator.comparing((Diagnostic d) -> d.span().file().path())
            .thenComparingInt(d -> d.span().start())
            .thenComparing(Diagnostic::severity));
    return List.copyOf(copy);
  }

  public List<Diagnostic> all() {
    return List.copyOf(items);
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }
}
