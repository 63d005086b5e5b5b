package dev.strata.prisma.validate;

import dev.strata.diag.Span;
import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.BlockAttribute;
import dev.strata.prisma.ast.ConstantValue;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.FunctionCall;
import dev.strata.prisma.ast.ModelDecl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One id, unique constraint, index or fulltext index of a model, whether written on a field
 * ({@code @id}, {@code @unique}) or on the block ({@code @@id([a, b])}), read leniently.
 */
record IndexDef(
    Kind kind,
    boolean block,
    Attribute attribute,
    List<FieldRef> fields,
    Optional<String> map,
    Optional<Expression> mapExpression,
    Span span) {

  /** What the definition declares. */
  enum Kind {
    ID("id"),
    UNIQUE("unique"),
    INDEX("index"),
    FULLTEXT("fulltext");

    final String attributeName;

    Kind(String attributeName) {
      this.attributeName = attributeName;
    }
  }

  /** A field named in the definition, with its per-field arguments ({@code sort}, {@code ops}, …). */
  record FieldRef(String name, List<Argument> arguments, Expression expression) {
    FieldRef {
      arguments = List.copyOf(arguments);
    }

    Optional<Expression> argument(String argName) {
      return arguments.stream()
          .filter(a -> a.name().map(n -> n.name().equals(argName)).orElse(false))
          .findFirst()
          .flatMap(Argument::value);
    }
  }

  IndexDef {
    fields = List.copyOf(fields);
  }

  /** {@code @id} / {@code @@unique} etc. as written. */
  String displayName() {
    return (block ? "@@" : "@") + kind.attributeName;
  }

  /** The attribute's argument by name (the unnamed one counts as {@code fields} for block attributes). */
  Optional<Expression> argument(String name) {
    return attribute.named(name).flatMap(Argument::value);
  }

  static List<IndexDef> of(ModelDecl model) {
    List<IndexDef> out = new ArrayList<>();
    for (FieldDecl f : model.fields()) {
      for (Attribute a : f.attributes()) {
        Kind kind = switch (a.name().name()) {
          case "id" -> Kind.ID;
          case "unique" -> Kind.UNIQUE;
          default -> null;
        };
        if (kind != null) {
          List<Argument> fieldArgs = new ArrayList<>();
          for (String n : List.of("sort", "length", "ops")) {
            a.named(n).ifPresent(fieldArgs::add);
          }
          var mapExpr = a.named("map").flatMap(Argument::value);
          out.add(new IndexDef(kind, false, a,
              List.of(new FieldRef(f.name().name(), fieldArgs, new ConstantValue(f.name().name(), f.name().span()))),
              mapExpr.flatMap(ValidationContext::stringValue), mapExpr, a.span()));
        }
      }
    }
    for (BlockAttribute b : model.blockAttributes()) {
      Kind kind = switch (b.name()) {
        case "id" -> Kind.ID;
        case "unique" -> Kind.UNIQUE;
        case "index" -> Kind.INDEX;
        case "fulltext" -> Kind.FULLTEXT;
        default -> null;
      };
      if (kind == null) {
        continue;
      }
      Attribute a = b.attribute();
      Optional<Expression> fieldsExpr = a.named("fields").flatMap(Argument::value)
          .or(() -> a.positional(0).flatMap(Argument::value));
      List<FieldRef> refs = new ArrayList<>();
      fieldsExpr.ifPresent(e -> {
        List<Expression> items = e instanceof ArrayExpression arr ? arr.elements() : List.of(e);
        for (Expression item : items) {
          if (item instanceof ConstantValue c) {
            refs.add(new FieldRef(c.name(), List.of(), c));
          } else if (item instanceof FunctionCall fc) {
            refs.add(new FieldRef(fc.name().name(), fc.arguments().arguments(), fc));
          }
        }
      });
      Optional<Expression> mapExpr = a.named("map").flatMap(Argument::value);
      if (mapExpr.isEmpty() && kind == Kind.INDEX) {
        // On @@index, name: is the legacy spelling of map:.
        mapExpr = a.named("name").flatMap(Argument::value);
      }
      out.add(new IndexDef(kind, true, a, refs, mapExpr.flatMap(ValidationContext::stringValue), mapExpr, b.span()));
    }
    return out;
  }
}
