package dev.strata.prisma.ast;

import dev.strata.diag.Span;
import java.util.List;

/** A parenthesised argument list; {@code trailingComma} records {@code (a, b,)}. */
public record ArgumentList(List<Argument> arguments, boolean trailingComma, Span span) {
  public ArgumentList {
    arguments = List.copyOf(arguments);
  }
}
