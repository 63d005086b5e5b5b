package dev.strata.prisma.ast;

import dev.strata.diag.Span;
import java.util.List;
import java.util.stream.Collectors;

/** A list: {@code [a, b]}, {@code ["x", env("Y")]}. */
public record ArrayExpression(List<Expression> elements, Span span) implements Expression {
  public ArrayExpression {
    elements = List.copyOf(elements);
  }

  @Override
  public String render() {
    return "[" + elements.stream().map(Expression::render).collect(Collectors.joining(", ")) + "]";
  }
}
