package dev.strata.prisma.validate;

import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.NumericLiteral;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** PostgreSQL native types ({@code @db.X(args)}): which scalar each fits, and its arguments. */
final class NativeTypes {
  private NativeTypes() {}

  /** One native type: the scalar it belongs to and how many (optional) numeric arguments it takes. */
  record Spec(String name, String scalar, int maxArgs, boolean allOrNothing) {}

  static final Map<String, Spec> POSTGRES = new LinkedHashMap<>();

  private static void add(String name, String scalar, int maxArgs, boolean allOrNothing) {
    POSTGRES.put(name, new Spec(name, scalar, maxArgs, allOrNothing));
  }

  static {
    add("Text", "String", 0, false);
    add("VarChar", "String", 1, false);
    add("Char", "String", 1, false);
    add("Uuid", "String", 0, false);
    add("Xml", "String", 0, false);
    add("Inet", "String", 0, false);
    add("Citext", "String", 0, false);
    add("Bit", "String", 1, false);
    add("VarBit", "String", 1, false);
    add("Integer", "Int", 0, false);
    add("SmallInt", "Int", 0, false);
    add("Oid", "Int", 0, false);
    add("BigInt", "BigInt", 0, false);
    add("DoublePrecision", "Float", 0, false);
    add("Real", "Float", 0, false);
    add("Decimal", "Decimal", 2, true);
    add("Money", "Decimal", 0, false);
    add("Boolean", "Boolean", 0, false);
    add("Timestamp", "DateTime", 1, false);
    add("Timestamptz", "DateTime", 1, false);
    add("Date", "DateTime", 0, false);
    add("Time", "DateTime", 1, false);
    add("Timetz", "DateTime", 1, false);
    add("Json", "Json", 0, false);
    add("JsonB", "Json", 0, false);
    add("ByteA", "Bytes", 0, false);
  }

  /** The native type attribute of a field ({@code @<datasource>.X}), if any. */
  static Optional<Attribute> nativeAttribute(FieldDecl field, Optional<String> datasourceName) {
    return field.attributes().stream()
        .filter(a -> a.name().name().indexOf('.') > 0)
        .filter(a -> datasourceName.map(ds -> a.name().name().startsWith(ds + ".")).orElse(true))
        .findFirst();
  }

  /** The native type name of a field ({@code VarChar} for {@code @db.VarChar(3)}), if any. */
  static Optional<String> nativeTypeName(FieldDecl field, Optional<String> datasourceName) {
    return nativeAttribute(field, datasourceName).map(a -> a.name().name().substring(a.name().name().indexOf('.') + 1));
  }

  static List<String> allowedFor(String scalar) {
    List<String> out = new ArrayList<>();
    POSTGRES.values().forEach(s -> {
      if (s.scalar().equals(scalar)) {
        out.add(s.name() + (s.maxArgs() == 1 ? "(n)" : s.maxArgs() == 2 ? "(p, s)" : ""));
      }
    });
    return out;
  }

  /** Checks every attribute of the form {@code @prefix.Type(args)} on a field. */
  static void validate(ValidationContext ctx, FieldDecl field) {
    for (Attribute attr : field.attributes()) {
      String full = attr.name().name();
      int dot = full.indexOf('.');
      if (dot <= 0) {
        continue;
      }
      String prefix = full.substring(0, dot);
      String typeName = full.substring(dot + 1);
      if (ctx.datasourceName.isEmpty()) {
        ctx.error(
            ValidationCodes.NATIVE_TYPE_PREFIX,
            "Native type " + typeName + " is not supported for Default connector.",
            attr.span());
        continue;
      }
      String ds = ctx.datasourceName.get();
      if (!prefix.equals(ds)) {
        ctx.error(
            ValidationCodes.NATIVE_TYPE_PREFIX,
            "The prefix " + prefix + " is invalid. It must be equal to the name of an existing datasource e.g. " + ds
                + ". Did you mean to use " + ds + "." + typeName + "?",
            attr.name().span());
        continue;
      }
      Spec spec = POSTGRES.get(typeName);
      Optional<String> scalar = ctx.scalarType(field);
      if (spec == null) {
        String help =
            scalar.map(s -> "native types for " + s + ": " + String.join(", ", allowedFor(s)))
                .orElse("native types apply to built-in scalar fields only");
        ctx.error(
            ValidationCodes.UNKNOWN_NATIVE_TYPE,
            "Native type " + typeName + " is not supported for postgresql connector.",
            attr.name().span(),
            help);
        continue;
      }
      if (scalar.isPresent() && !spec.scalar().equals(scalar.get())) {
        ctx.error(
            ValidationCodes.NATIVE_TYPE_INCOMPATIBLE,
            "Native type " + typeName + " is not compatible with declared field type " + scalar.get()
                + ", expected field type " + spec.scalar() + ".",
            attr.name().span(),
            "native types for " + scalar.get() + ": " + String.join(", ", allowedFor(scalar.get())));
        continue;
      }
      if (scalar.isEmpty()) {
        String declared = field.type().map(t -> t.name().name()).orElse("?");
        ctx.error(
            ValidationCodes.NATIVE_TYPE_INCOMPATIBLE,
            "Native type " + typeName + " is not compatible with declared field type " + declared
                + ", expected field type " + spec.scalar() + ".",
            attr.name().span());
        continue;
      }
      checkArguments(ctx, attr, spec);
    }
  }

  private static void checkArguments(ValidationContext ctx, Attribute attr, Spec spec) {
    List<Argument> args = attr.args();
    int n = args.size();
    if (spec.maxArgs() == 0 && n > 0) {
      ctx.error(
          ValidationCodes.NATIVE_TYPE_ARGUMENT_COUNT,
          "Native type " + spec.name() + " takes 0 arguments, but received " + n + ".",
          attr.arguments().get().span());
      return;
    }
    if (n > spec.maxArgs() || (spec.allOrNothing() && n != 0 && n != spec.maxArgs())) {
      ctx.error(
          ValidationCodes.NATIVE_TYPE_ARGUMENT_COUNT,
          "Native type " + spec.name() + " takes " + spec.maxArgs() + " optional arguments, but received " + n + ".",
          attr.arguments().get().span());
      return;
    }
    List<Long> values = new ArrayList<>();
    for (Argument a : args) {
      Optional<Expression> v = a.value();
      Long parsed = null;
      if (v.isPresent() && v.get() instanceof NumericLiteral num) {
        try {
          parsed = Long.parseLong(num.text());
        } catch (NumberFormatException e) {
          parsed = null;
        }
      }
      if (parsed == null || parsed < 0) {
        String shown = v.map(Expression::render).orElse("");
        ctx.error(
            ValidationCodes.NATIVE_TYPE_ARGUMENT_RANGE,
            "Expected a nonnegative integer, but found (" + shown + ").",
            a.span());
        return;
      }
      values.add(parsed);
    }
    String rendered = spec.name() + (values.isEmpty() ? "" : "(" + String.join(",", values.stream().map(String::valueOf).toList()) + ")");
    switch (spec.name()) {
      case "Timestamp", "Timestamptz", "Time", "Timetz" -> {
        if (!values.isEmpty() && values.get(0) > 6) {
          ctx.error(
              ValidationCodes.NATIVE_TYPE_ARGUMENT_RANGE,
              "Argument M is out of range for native type `" + rendered + "` of Postgres: M can range from 0 to 6.",
              attr.arguments().get().span());
        }
      }
      case "Decimal" -> {
        if (values.size() == 2) {
          long p = values.get(0);
          long s = values.get(1);
          if (p == 0 || p > 1000) {
            ctx.error(
                ValidationCodes.NATIVE_TYPE_ARGUMENT_RANGE,
                "Argument M is out of range for native type `" + rendered + "` of Postgres: Precision must be positive with a maximum value of 1000.",
                attr.arguments().get().span());
          } else if (s > p) {
            ctx.error(
                ValidationCodes.NATIVE_TYPE_ARGUMENT_RANGE,
                "Argument M is out of range for native type `" + rendered + "` of Postgres: Scale must be between 0 and precision.",
                attr.arguments().get().span());
          }
        }
      }
      // Prisma checks no bounds on VarChar(n) and Char(n) (PostgreSQL does, when the migration runs),
      // and only n > 0 on Bit(n) and VarBit(n).
      case "Bit", "VarBit" -> {
        if (!values.isEmpty() && values.get(0) == 0) {
          ctx.error(
              ValidationCodes.NATIVE_TYPE_ARGUMENT_RANGE,
              "Argument M is out of range for native type `" + rendered + "` of Postgres: M must be a positive integer.",
              attr.span());
        }
      }
      default -> { }
    }
  }
}
