package dev.strata.prisma.ast;

import dev.strata.diag.Span;
import java.util.List;
import java.util.stream.Collectors;

/** An object: {@code { published: true, deletedAt: null }} (partial index {@code where:}). */
public record ObjectExpression(List<Entry> entries, Span span) implements Expression {
  /** One {@code key: value} pair. */
  public record Entry(Identifier key, Expression value, Span span) {}

  public ObjectExpression {
    entries = List.copyOf(entries);
  }

  @Override
  public String render() {
    if (entries.isEmpty()) {
      return "{}";
    }
    return "{ "
        + entries.stream().map(e -> e.key().name() + ": " + e.value().render()).collect(Collectors.joining(", "))
        + " }";
  }
}
