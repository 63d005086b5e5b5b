package dev.strata.prisma.ast;

import dev.strata.diag.Span;

/** A number as written ({@code 42}, {@code -1}, {@code 3.14}). */
public record NumericLiteral(String text, Span span) implements Expression {
  @Override
  public String render() {
    return text;
  }
}
