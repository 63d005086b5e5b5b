package dev.strata.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A collector of diagnostics: front-end stages add to it and never throw for bad input. */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();
  /** The report phase of each item (parallel to {@code items}). */
  private final List<Integer> phases = new ArrayList<>();
  private int phase;

  public void add(Diagnostic diagnostic) {
    items.add(diagnostic);
    phases.add(phase);
  }

  public void addAll(Iterable<Diagnostic> diagnostics) {
    diagnostics.forEach(this::add);
  }

  /**
   * Sets the report phase of the diagnostics added from now on (0 at first). A compiler reports
   * its stages in order, whatever order it runs them in: {@link #inReportOrder()} puts lower
   * phases first.
   */
  public void phase(int phase) {
    this.phase = phase;
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

  /** All diagnostics, phase by phase (see {@link #phase}), each phase in source order. */
  public List<Diagnostic> inReportOrder() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      order.add(i);
    }
    Comparator<Diagnostic> source = Comparator.comparing((Diagnostic d) -> d.span().file().path())
        .thenComparingInt(d -> d.span().start())
        .thenComparing(Diagnostic::severity);
    order.sort(Comparator.comparingInt((Integer i) -> phases.get(i)).thenComparing(i -> items.get(i), source));
    return order.stream().map(items::get).toList();
  }

  public List<Diagnostic> all() {
    return List.copyOf(items);
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }
}
