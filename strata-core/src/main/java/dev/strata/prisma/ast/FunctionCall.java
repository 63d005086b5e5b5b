package dev.strata.prisma.ast;

import dev.strata.diag.Span;
import java.util.stream.Collectors;

/** A call: {@code now()}, {@code env("X")}, {@code dbgenerated("…")}, {@code title(sort: Desc)}. */
public record FunctionCall(Identifier name, ArgumentList arguments, Span span) implements Expression {
  @Override
  public String render() {
    return name.name()
        + "("
        + arguments.arguments().stream().map(FunctionCall::renderArgument).collect(Collectors.joining(", "))
        + ")";
  }

  /** Renders {@code name: value} or {@code value}, the way Prisma's formatter writes arguments. */
  public static String renderArgument(Argument a) {
    String value = a.value().map(Expression::render).orElse("");
    return a.name().map(n -> n.name() + ": " + value).orElse(value);
  }
}
