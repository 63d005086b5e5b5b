package dev.strata.prisma.ast;

import dev.strata.diag.Span;

/** A bare identifier used as a value: {@code true}, {@code Cascade}, {@code Desc}, a field name {@code a.b}. */
public record ConstantValue(String name, Span span) implements Expression {
  @Override
  public String render() {
    return name;
  }
}
