package dev.strata.prisma.ast;

import dev.strata.diag.Span;

/**
 * A double-quoted string. {@code value} has escapes resolved; {@code raw} is the source text
 * including the quotes, which the formatter writes back unchanged.
 */
public record StringLiteral(String value, String raw, Span span) implements Expression {
  @Override
  public String render() {
    return raw;
  }
}
