package dev.strata.prisma.format;

import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.ArgumentList;
import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.ConstantValue;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FieldType;
import dev.strata.prisma.ast.FunctionCall;
import dev.strata.prisma.ast.NumericLiteral;
import dev.strata.prisma.ast.ObjectExpression;
import dev.strata.prisma.ast.StringLiteral;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Canonical text of the small syntax pieces: types, attributes, arguments and expressions, spaced
 * the way {@code prisma format} writes them ({@code @relation(fields: [a], references: [b])}).
 * Literals and names are written exactly as they appear in the source.
 */
final class AstPrinter {
  private AstPrinter() {}

  static String type(FieldType type) {
    String base = type.unsupported().map(s -> "Unsupported(" + s.raw() + ")").orElse(type.name().name());
    return base + type.arity().suffix();
  }

  /** A field or enum value attribute: {@code @name(args)}. */
  static String fieldAttribute(Attribute attribute) {
    return "@" + call(attribute);
  }

  /** A block attribute: {@code @@name(args)}. */
  static String blockAttribute(Attribute attribute) {
    return "@@" + call(attribute);
  }

  private static String call(Attribute attribute) {
    return attribute.name().name() + attribute.arguments().map(AstPrinter::arguments).orElse("");
  }

  /** An argument list; a trailing comma is dropped, as Prisma does. */
  static String arguments(ArgumentList list) {
    return arguments(list.arguments(), List.of());
  }

  /** An argument list followed by extra, already rendered, arguments. */
  static String arguments(List<Argument> arguments, List<String> extra) {
    StringBuilder out = new StringBuilder("(");
    boolean first = true;
    for (Argument argument : arguments) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.append(argument(argument));
    }
    for (String argument : extra) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.append(argument);
    }
    return out.append(')').toString();
  }

  static String argument(Argument argument) {
    String value = argument.value().map(AstPrinter::expression).orElse("");
    // An argument with a name and no value ({@code name:}) keeps the space after the colon.
    return argument.name().map(n -> n.name() + ": " + value).orElse(value);
  }

  static String expression(Expression expression) {
    if (expression instanceof StringLiteral s) {
      return s.raw();
    } else if (expression instanceof NumericLiteral n) {
      return n.text();
    } else if (expression instanceof ConstantValue c) {
      return c.name();
    } else if (expression instanceof FunctionCall f) {
      return f.name().name() + arguments(f.arguments());
    } else if (expression instanceof ArrayExpression a) {
      return a.elements().stream().map(AstPrinter::expression).collect(Collectors.joining(", ", "[", "]"));
    } else if (expression instanceof ObjectExpression o) {
      if (o.entries().isEmpty()) {
        return "{}";
      }
      return o.entries().stream()
          .map(e -> e.key().name() + ": " + expression(e.value()))
          .collect(Collectors.joining(", ", "{ ", " }"));
    }
    return "";
  }
}
