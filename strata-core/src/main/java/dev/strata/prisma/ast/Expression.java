package dev.strata.prisma.ast;

import dev.strata.diag.Span;

/** A value in an attribute argument or a config property. */
public sealed interface Expression
    permits StringLiteral, NumericLiteral, ConstantValue, FunctionCall, ArrayExpression, ObjectExpression {
  Span span();

  /** The expression as it is written back by the formatter (canonical spacing). */
  String render();
}
