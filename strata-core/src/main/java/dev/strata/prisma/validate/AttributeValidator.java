package dev.strata.prisma.validate;

import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.BlockAttribute;
import dev.strata.prisma.ast.ConstantValue;
import dev.strata.prisma.ast.EnumDecl;
import dev.strata.prisma.ast.EnumValueDecl;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.FieldType;
import dev.strata.prisma.ast.FunctionCall;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.ast.NumericLiteral;
import dev.strata.prisma.ast.ObjectExpression;
import dev.strata.prisma.ast.StringLiteral;
import dev.strata.prisma.validate.ValidationContext.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The third stage, as in Prisma's attribute resolution: which attributes exist where, their
 * arguments, {@code @default} values against field types, field references of ids and indexes.
 */
final class AttributeValidator {
  private static final Set<String> FIELD_ATTRIBUTES =
      Set.of("id", "unique", "default", "map", "updatedAt", "ignore", "relation", "shardKey");
  private static final Set<String> ONCE_FIELD_ATTRIBUTES =
      Set.of("id", "unique", "default", "map", "updatedAt", "ignore", "relation", "shardKey");
  private static final Set<String> MODEL_ATTRIBUTES =
      Set.of("id", "unique", "index", "map", "ignore", "schema", "fulltext", "shardKey");
  private static final Set<String> ONCE_MODEL_ATTRIBUTES = Set.of("id", "map", "ignore", "schema", "shardKey");
  static final Set<String> INDEX_TYPES = Set.of("BTree", "Hash", "Gist", "Gin", "SpGist", "Brin");

  private final ValidationContext ctx;

  AttributeValidator(ValidationContext ctx) {
    this.ctx = ctx;
  }

  void validate() {
    checkTrailingCommas();
    for (ModelDecl model : ctx.schema.models()) {
      if (model.kind() == ModelDecl.Kind.TYPE) {
        continue; // composite types are rejected as a whole on PostgreSQL
      }
      validateModel(model);
    }
    for (EnumDecl e : ctx.schema.enums()) {
      validateEnum(e);
    }
  }

  /**
   * Prisma rejects {@code @default(1,)} while reading the attribute (the formatter still drops
   * the comma), so the check runs on every attribute, whatever else is wrong with it.
   */
  private void checkTrailingCommas() {
    List<Attribute> attributes = new ArrayList<>();
    for (ModelDecl model : ctx.schema.models()) {
      model.fields().forEach(field -> attributes.addAll(field.attributes()));
      model.blockAttributes().forEach(b -> attributes.add(b.attribute()));
    }
    for (EnumDecl e : ctx.schema.enums()) {
      e.values().forEach(value -> attributes.addAll(value.attributes()));
      e.blockAttributes().forEach(b -> attributes.add(b.attribute()));
    }
    for (Attribute a : attributes) {
      if (a.arguments().isPresent() && a.arguments().get().trailingComma()) {
        // Prisma names a block attribute with one @ in this message, as here.
        ctx.error(ValidationCodes.TRAILING_COMMA, "Error parsing attribute \"@" + a.name().name()
            + "\": Trailing commas are not valid in attribute arguments, please remove the comma.", a.span());
      }
    }
  }

  // ---- models ----

  private void validateModel(ModelDecl model) {
    Map<String, FieldDecl> columns = new HashMap<>();
    for (FieldDecl field : model.fields()) {
      if (field.type().isEmpty()) {
        continue;
      }
      validateFieldAttributes(model, field);
      if (!ctx.isRelationField(field) && field.attribute("map").isPresent()) {
        String column = ValidationContext.columnName(field);
        FieldDecl earlier = columns.get(column);
        if (earlier != null && earlier != field) {
          ctx.error(
              ValidationCodes.DUPLICATE_FIELD,
              "Field \"" + field.name().name() + "\" is already defined on " + NameValidator.kindWord(model) + " \""
                  + model.name().name() + "\".",
              field.name().span());
        }
      }
      if (!ctx.isRelationField(field)) {
        columns.putIfAbsent(ValidationContext.columnName(field), field);
      }
    }
    Map<String, List<BlockAttribute>> byName = new LinkedHashMap<>();
    for (BlockAttribute b : model.blockAttributes()) {
      String name = b.name();
      if (!MODEL_ATTRIBUTES.contains(name)) {
        ctx.error(ValidationCodes.UNKNOWN_ATTRIBUTE, "Attribute not known: \"@" + name + "\".", b.attribute().span());
        continue;
      }
      byName.computeIfAbsent(name, k -> new ArrayList<>()).add(b);
    }
    byName.forEach((name, list) -> {
      if (list.size() > 1 && ONCE_MODEL_ATTRIBUTES.contains(name)) {
        list.forEach(b -> ctx.error(
            ValidationCodes.DUPLICATE_ATTRIBUTE,
            "Attribute \"@" + name + "\" can only be defined once.",
            b.attribute().span()));
      }
    });
    for (BlockAttribute b : model.blockAttributes()) {
      if (byName.getOrDefault(b.name(), List.of()).size() > 1 && ONCE_MODEL_ATTRIBUTES.contains(b.name())) {
        continue;
      }
      Attribute a = b.attribute();
      switch (b.name()) {
        case "map" -> readName(a, "@@map", "name");
        case "schema" -> readName(a, "@@schema", "map");
        case "ignore" -> Args.read(ctx, a, "@@ignore", Optional.empty(), Set.of());
        case "id" -> checkBlockIndex(model, a, "@@id", Set.of("name", "map", "length", "sort", "clustered"));
        case "unique" -> checkBlockIndex(model, a, "@@unique", Set.of("name", "map", "length", "sort", "clustered", "where"));
        case "index" -> checkBlockIndex(model, a, "@@index", Set.of("name", "map", "type", "length", "sort", "clustered", "where", "ops"));
        case "fulltext" -> checkBlockIndex(model, a, "@@fulltext", Set.of("map"));
        default -> { }
      }
    }
    checkIdCount(model);
  }

  private void checkIdCount(ModelDecl model) {
    List<FieldDecl> idFields = model.fields().stream().filter(f -> f.attribute("id").isPresent()).toList();
    boolean blockId = ValidationContext.blockAttribute(model, "id").isPresent();
    if (!idFields.isEmpty() && blockId) {
      ctx.error(
          ValidationCodes.MULTIPLE_IDS,
          ValidationContext.modelError(model, "Each model must have at most one id criteria. You can't have `@id` and `@@id` at the same time."),
          model.span());
    } else if (idFields.size() > 1) {
      ctx.error(
          ValidationCodes.MULTIPLE_IDS,
          ValidationContext.modelError(model, "At most one field must be marked as the id field with the `@id` attribute."),
          model.span());
    }
  }

  private void validateFieldAttributes(ModelDecl model, FieldDecl field) {
    Map<String, List<Attribute>> byName = new LinkedHashMap<>();
    for (Attribute a : field.attributes()) {
      String name = a.name().name();
      if (name.indexOf('.') > 0) {
        continue; // native types are checked with the connector, in the last stage
      }
      if (!FIELD_ATTRIBUTES.contains(name)) {
        ctx.error(ValidationCodes.UNKNOWN_ATTRIBUTE, "Attribute not known: \"@" + name + "\".", a.span());
        continue;
      }
      byName.computeIfAbsent(name, k -> new ArrayList<>()).add(a);
    }
    byName.forEach((name, list) -> {
      if (list.size() > 1 && ONCE_FIELD_ATTRIBUTES.contains(name)) {
        list.forEach(a -> ctx.error(
            ValidationCodes.DUPLICATE_ATTRIBUTE, "Attribute \"@" + name + "\" can only be defined once.", a.span()));
      }
    });
    TypeKind kind = ctx.kindOf(field);
    FieldType type = field.type().get();
    for (Map.Entry<String, List<Attribute>> e : byName.entrySet()) {
      if (e.getValue().size() > 1 && ONCE_FIELD_ATTRIBUTES.contains(e.getKey())) {
        continue;
      }
      Attribute a = e.getValue().get(0);
      switch (e.getKey()) {
        case "map" -> {
          readName(a, "@map", "name"); // @map on a relation field is the relation validator's
        }
        case "updatedAt" -> {
          Args.read(ctx, a, "@updatedAt", Optional.empty(), Set.of());
          if (!(kind == TypeKind.SCALAR && type.name().name().equals("DateTime"))) {
            ctx.error(
                ValidationCodes.UPDATED_AT_TYPE,
                ValidationContext.attributeError("updatedAt", "Fields that are marked with @updatedAt must be of type DateTime."),
                a.span());
          } else if (type.arity() == FieldType.Arity.LIST) {
            ctx.error(
                ValidationCodes.UPDATED_AT_TYPE,
                ValidationContext.attributeError("updatedAt", "Fields that are marked with @updatedAt cannot be lists."),
                a.span());
          }
        }
        case "ignore" -> {
          Args.read(ctx, a, "@ignore", Optional.empty(), Set.of());
          if (kind == TypeKind.UNSUPPORTED) {
            ctx.error(
                ValidationCodes.INVALID_IGNORE,
                ValidationContext.attributeError("ignore",
                    "Fields of type `Unsupported` cannot take an `@ignore` attribute. They are already treated as ignored by the client due to their type."),
                a.span());
          }
        }
        case "id" -> {
          Args args = Args.read(ctx, a, "@id", Optional.empty(), Set.of("map", "length", "sort", "clustered"));
          if (args.ok) {
            checkIndexArguments(args, "@id");
          }
          if (type.arity() != FieldType.Arity.REQUIRED) {
            ctx.error(
                ValidationCodes.ID_NOT_REQUIRED,
                ValidationContext.attributeError("id", "Fields that are marked as id must be required."),
                a.span());
          }
        }
        case "unique" -> {
          Args args = Args.read(ctx, a, "@unique", Optional.empty(), Set.of("map", "length", "sort", "clustered", "where"));
          if (args.ok) {
            checkIndexArguments(args, "@unique");
          }
        }
        case "default" -> checkDefault(field, kind, a);
        default -> { } // @relation belongs to the relation validator; @shardKey is MySQL-only
      }
    }
  }

  /** Reads a one-string attribute ({@code @map}, {@code @@map}, {@code @@schema}); true when well formed. */
  private boolean readName(Attribute a, String display, String param) {
    Args args = Args.read(ctx, a, display, Optional.of(param), Set.of());
    if (!args.ok) {
      return false;
    }
    Optional<Expression> v = args.value(param);
    if (!args.has(param)) {
      ctx.error(ValidationCodes.MISSING_ARGUMENT, "Argument \"" + param + "\" is missing.", a.span());
      return false;
    }
    if (v.isEmpty() || !(v.get() instanceof StringLiteral)) {
      expected("a string", v, a);
      return false;
    }
    return true;
  }

  private void expected(String what, Optional<Expression> v, Attribute a) {
    if (v.isPresent()) {
      ctx.error(
          ValidationCodes.INVALID_ARGUMENT,
          "Expected " + what + " value, but received " + ValidationContext.describe(v.get()) + ".",
          v.get().span());
    } else {
      ctx.error(ValidationCodes.INVALID_ARGUMENT, "Expected " + what + " value, but received nothing.", a.span());
    }
  }

  /** {@code map:}, {@code sort:}, {@code length:}, {@code clustered:}, {@code type:} of ids and indexes. */
  private void checkIndexArguments(Args args, String display) {
    args.get("map").ifPresent(arg -> {
      if (!(arg.value().orElse(null) instanceof StringLiteral)) {
        expected("a string", arg.value(), asAttribute(arg));
      }
    });
    args.get("name").ifPresent(arg -> {
      if (!(arg.value().orElse(null) instanceof StringLiteral)) {
        expected("a string", arg.value(), asAttribute(arg));
      }
    });
    args.get("sort").ifPresent(arg -> checkSort(arg, display));
    args.get("length").ifPresent(arg -> {
      if (!(arg.value().orElse(null) instanceof NumericLiteral)) {
        expected("a numeric", arg.value(), asAttribute(arg));
      }
    });
    args.get("clustered").ifPresent(arg -> {
      Expression v = arg.value().orElse(null);
      if (!(v instanceof ConstantValue c && (c.name().equals("true") || c.name().equals("false")))) {
        expected("a boolean", arg.value(), asAttribute(arg));
      }
    });
    args.get("type").ifPresent(arg -> {
      Expression v = arg.value().orElse(null);
      if (!(v instanceof ConstantValue c)) {
        expected("a constant", arg.value(), asAttribute(arg));
      } else if (!INDEX_TYPES.contains(c.name())) {
        ctx.error(
            ValidationCodes.UNKNOWN_INDEX_TYPE,
            ValidationContext.attributeError("index", "Unknown index type: " + c.name() + "."),
            c.span(),
            "index types: BTree, Hash, Gist, Gin, SpGist, Brin");
      }
    });
    args.get("where").ifPresent(arg -> {
      Expression v = arg.value().orElse(null);
      boolean raw = v instanceof FunctionCall f && f.name().name().equals("raw")
          && f.arguments().arguments().size() == 1
          && f.arguments().arguments().get(0).value().orElse(null) instanceof StringLiteral;
      if (!raw && !(v instanceof ObjectExpression)) {
        ctx.error(
            ValidationCodes.INVALID_ARGUMENT,
            ValidationContext.attributeError(display.substring(1),
                "The `where` argument must be `raw(\"…\")` or an object such as `{ deletedAt: null }`."),
            v == null ? arg.span() : v.span());
      }
    });
  }

  /** A stand-in attribute for reporting a missing value at an argument. */
  private static Attribute asAttribute(Argument arg) {
    return new Attribute(new dev.strata.prisma.ast.Identifier("", arg.span()), Optional.empty(), arg.span());
  }

  private void checkSort(Argument arg, String display) {
    Expression v = arg.value().orElse(null);
    if (!(v instanceof ConstantValue c)) {
      expected("a constant", arg.value(), asAttribute(arg));
    } else if (!c.name().equals("Asc") && !c.name().equals("Desc")) {
      ctx.error(
          ValidationCodes.INVALID_ARGUMENT,
          ValidationContext.attributeError(display.substring(1),
              "The `sort` argument can only be `Asc` or `Desc` you provided: " + c.name() + "."),
          c.span());
    }
  }

  private void checkBlockIndex(ModelDecl model, Attribute a, String display, Set<String> named) {
    Args args = Args.read(ctx, a, display, Optional.of("fields"), named);
    if (!args.ok) {
      return;
    }
    if (!args.has("fields")) {
      ctx.error(ValidationCodes.MISSING_ARGUMENT, "Argument \"fields\" is missing.", a.span());
      return;
    }
    checkIndexArguments(args, display);
    Expression fields = args.value("fields").orElse(null);
    if (fields == null) {
      expected("a constant literal", Optional.empty(), a);
      return;
    }
    List<Expression> items = fields instanceof ArrayExpression arr ? arr.elements() : List.of(fields);
    List<String> unknown = new ArrayList<>();
    List<String> relation = new ArrayList<>();
    List<String> suggestedFields = new ArrayList<>();
    boolean malformed = false;
    for (Expression item : items) {
      String name;
      if (item instanceof ConstantValue c) {
        name = c.name();
      } else if (item instanceof FunctionCall f) {
        name = f.name().name();
        for (Argument fa : f.arguments().arguments()) {
          String argName = fa.name().map(n -> n.name()).orElse("");
          switch (argName) {
            case "sort" -> checkSort(fa, display);
            case "length" -> {
              if (!(fa.value().orElse(null) instanceof NumericLiteral)) {
                expected("a numeric", fa.value(), asAttribute(fa));
              }
            }
            case "ops" -> {
              Expression ops = fa.value().orElse(null);
              boolean raw = ops instanceof FunctionCall rf && rf.name().name().equals("raw");
              if (!(ops instanceof ConstantValue) && !raw) {
                expected("a constant", fa.value(), asAttribute(fa));
              } else if (ops instanceof ConstantValue oc && !OperatorClasses.isKnown(oc.name())) {
                ctx.error(
                    ValidationCodes.INVALID_OPERATOR_CLASS,
                    ValidationContext.attributeError(display.substring(1), "Invalid operator class: " + oc.name() + "."),
                    oc.span());
              }
            }
            default -> ctx.error(ValidationCodes.UNKNOWN_ARGUMENT, "No such argument.", fa.span());
          }
        }
      } else {
        ctx.error(
            ValidationCodes.INVALID_FIELD_NAME_REFERENCE,
            "Expected a constant literal value, but received " + ValidationContext.describe(item) + ".",
            item.span());
        malformed = true;
        continue;
      }
      Optional<FieldDecl> field = model.field(name);
      if (field.isEmpty()) {
        unknown.add(name);
      } else if (ctx.isRelationField(field.get())) {
        relation.add(name);
        field.get().attribute("relation")
            .flatMap(r -> r.named("fields"))
            .flatMap(Argument::value)
            .ifPresent(v -> {
              List<Expression> fs = v instanceof ArrayExpression arr ? arr.elements() : List.of(v);
              fs.forEach(x -> suggestedFields.add(x.render()));
            });
      }
    }
    if (malformed) {
      return;
    }
    String what = switch (display) {
      case "@@id" -> "The multi field id declaration";
      case "@@unique" -> "The unique index definition";
      default -> "The index definition";
    };
    if (!unknown.isEmpty()) {
      ctx.error(
          ValidationCodes.INDEX_UNKNOWN_FIELDS,
          ValidationContext.modelError(model, what + " refers to the unknown fields: " + String.join(", ", unknown) + "."),
          a.span());
    }
    if (!relation.isEmpty()) {
      String message = what + " refers to the relation fields " + String.join(", ", relation) + ". "
          + (display.equals("@@id") ? "ID" : "Index") + " definitions must reference only scalar fields.";
      if (!suggestedFields.isEmpty()) {
        message += " Did you mean `" + display + "([" + String.join(", ", suggestedFields) + "])`?";
      }
      ctx.error(ValidationCodes.INDEX_RELATION_FIELDS, ValidationContext.modelError(model, message), a.span());
    }
    if (display.equals("@@id") && unknown.isEmpty() && relation.isEmpty()) {
      for (Expression item : items) {
        String name = item instanceof ConstantValue c ? c.name() : item instanceof FunctionCall f ? f.name().name() : "";
        model.field(name).flatMap(FieldDecl::type).ifPresent(t -> {
          if (t.arity() != FieldType.Arity.REQUIRED) {
            ctx.error(
                ValidationCodes.ID_NOT_REQUIRED,
                ValidationContext.modelError(model, "The id definition refers to the optional or list field `" + name
                    + "`. Fields that are part of an id must be required."),
                a.span());
          }
        });
      }
    }
  }

  // ---- @default ----

  private void checkDefault(FieldDecl field, TypeKind kind, Attribute a) {
    Args args = Args.read(ctx, a, "@default", Optional.of("value"), Set.of("map"));
    if (!args.ok) {
      return;
    }
    if (!args.has("value") || args.value("value").isEmpty()) {
      ctx.error(ValidationCodes.MISSING_ARGUMENT, "Argument \"value\" is missing.", a.span());
      return;
    }
    args.get("map").ifPresent(m -> {
      if (!(m.value().orElse(null) instanceof StringLiteral)) {
        expected("a string", m.value(), asAttribute(m));
      }
    });
    Expression value = args.value("value").get();
    if (kind == TypeKind.MODEL) {
      return; // reported by the relation validator
    }
    FieldType type = field.type().get();
    String typeName = type.name().name();
    if (value instanceof FunctionCall f) {
      checkDefaultFunction(f, kind, typeName, a);
      return;
    }
    if (kind == TypeKind.UNSUPPORTED) {
      ctx.error(
          ValidationCodes.DEFAULT_TYPE_MISMATCH,
          ValidationContext.attributeError("default", "Only @default(dbgenerated(\"...\")) can be used for Unsupported types."),
          a.span());
      return;
    }
    if (type.arity() == FieldType.Arity.LIST) {
      if (!(value instanceof ArrayExpression arr)) {
        ctx.error(
            ValidationCodes.DEFAULT_TYPE_MISMATCH,
            ValidationContext.attributeError("default", "The default value of a list field must be a list."),
            a.span());
        return;
      }
      for (Expression element : arr.elements()) {
        if (!checkLiteral(element, kind, typeName, a)) {
          return;
        }
      }
      return;
    }
    checkLiteral(value, kind, typeName, a);
  }

  /** Checks one literal default value against the field type; returns false after reporting. */
  private boolean checkLiteral(Expression value, TypeKind kind, String typeName, Attribute a) {
    if (kind == TypeKind.ENUM) {
      EnumDecl e = ctx.enums.get(typeName);
      if (value instanceof ConstantValue c) {
        boolean known = e.values().stream().anyMatch(v -> v.name().name().equals(c.name()));
        if (!known) {
          ctx.error(
              ValidationCodes.DEFAULT_TYPE_MISMATCH,
              ValidationContext.attributeError("default",
                  "The defined default value `" + c.name() + "` is not a valid value of the enum specified for the field."),
              c.span());
          return false;
        }
        return true;
      }
      ctx.error(
          ValidationCodes.DEFAULT_TYPE_MISMATCH,
          ValidationContext.attributeError("default", "Expected an enum value, but found `" + value.render() + "`."),
          value.span());
      return false;
    }
    boolean fits = switch (typeName) {
      case "String", "DateTime", "Json", "Bytes" -> value instanceof StringLiteral;
      case "Int", "BigInt", "Float" -> value instanceof NumericLiteral;
      // A string Decimal default ("2.00", "1e3") is parsed with the connector checks.
      case "Decimal" -> value instanceof NumericLiteral || value instanceof StringLiteral;
      case "Boolean" -> value instanceof ConstantValue c && (c.name().equals("true") || c.name().equals("false"));
      default -> true;
    };
    if (!fits) {
      ctx.error(
          ValidationCodes.DEFAULT_TYPE_MISMATCH,
          ValidationContext.attributeError("default", "Expected a " + typeName + " value, but found `" + value.render() + "`."),
          value.span());
    }
    return fits;
  }

  private void checkDefaultFunction(FunctionCall f, TypeKind kind, String typeName, Attribute a) {
    String fn = f.name().name();
    List<Argument> args = f.arguments().arguments();
    boolean isString = kind == TypeKind.SCALAR && typeName.equals("String");
    switch (fn) {
      case "autoincrement" -> {
        if (!args.isEmpty()) {
          defaultError("The `autoincrement` function does not take any argument. Consider changing this default to `autoincrement()`.", a);
        } else if (!(kind == TypeKind.SCALAR && (typeName.equals("Int") || typeName.equals("BigInt")))) {
          cannotBeUsed(fn, typeName, a);
        }
      }
      case "now" -> {
        if (!args.isEmpty()) {
          defaultError("The `now` function does not take any argument. Consider changing this default to `now()`.", a);
        } else if (!(kind == TypeKind.SCALAR && typeName.equals("DateTime"))) {
          cannotBeUsed(fn, typeName, a);
        }
      }
      case "uuid" -> versioned(fn, args, Set.of(4L, 7L), "which is either 4 or 7", isString, typeName, a);
      case "cuid" -> versioned(fn, args, Set.of(1L, 2L), "which is either 1 or 2", isString, typeName, a);
      case "nanoid" -> {
        if (!isString) {
          cannotBeUsed(fn, typeName, a);
        } else if (args.size() > 1 || (args.size() == 1 && !(args.get(0).value().orElse(null) instanceof NumericLiteral))) {
          defaultError("`nanoid()` takes a single Int argument.", a);
        } else if (args.size() == 1) {
          Long n = parseLong(((NumericLiteral) args.get(0).value().get()).text());
          if (n == null || n < 2 || n > 255) {
            defaultError("`nanoid()` takes either no argument, or a single integer argument between 2 and 255.", a);
          }
        }
      }
      case "ulid" -> {
        if (!isString) {
          cannotBeUsed(fn, typeName, a);
        } else if (!args.isEmpty()) {
          defaultError("The `ulid` function does not take any argument. Consider changing this default to `ulid()`.", a);
        }
      }
      case "dbgenerated" -> {
        boolean ok = args.isEmpty()
            || (args.size() == 1 && args.get(0).name().isEmpty() && args.get(0).value().orElse(null) instanceof StringLiteral);
        if (!ok) {
          defaultError("`dbgenerated()` takes a single String argument", a);
        } else if (args.size() == 1 && ((StringLiteral) args.get(0).value().get()).value().isEmpty()) {
          ctx.error(
              ValidationCodes.EMPTY_DBGENERATED,
              ValidationContext.attributeError("default", "dbgenerated() takes either no argument, or a single nonempty string argument."),
              a.span());
        }
      }
      default -> { } // auto(), sequence() and unknown functions are checked against the connector later
    }
  }

  private void versioned(String fn, List<Argument> args, Set<Long> versions, String which, boolean isString, String typeName, Attribute a) {
    if (!isString) {
      cannotBeUsed(fn, typeName, a);
      return;
    }
    if (args.isEmpty()) {
      return;
    }
    if (args.size() > 1 || !(args.get(0).value().orElse(null) instanceof NumericLiteral num)) {
      defaultError("`" + fn + "()` takes a single Int argument.", a);
      return;
    }
    Long n = parseLong(num.text());
    if (n == null || !versions.contains(n)) {
      defaultError("`" + fn + "()` takes either no argument, or a single integer argument " + which + ".", a);
    }
  }

  private static Long parseLong(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void cannotBeUsed(String fn, String typeName, Attribute a) {
    defaultError("The function `" + fn + "()` cannot be used on fields of type `" + typeName + "`.", a);
  }

  private void defaultError(String message, Attribute a) {
    ctx.error(ValidationCodes.INVALID_DEFAULT_FUNCTION, ValidationContext.attributeError("default", message), a.span());
  }

  // ---- enums ----

  private void validateEnum(EnumDecl e) {
    for (EnumValueDecl value : e.values()) {
      Map<String, Integer> counts = new HashMap<>();
      for (Attribute a : value.attributes()) {
        String name = a.name().name();
        if (!name.equals("map")) {
          ctx.error(ValidationCodes.UNKNOWN_ATTRIBUTE, "Attribute not known: \"@" + name + "\".", a.span());
          continue;
        }
        counts.merge(name, 1, Integer::sum);
      }
      for (Attribute a : value.attributes()) {
        if (!a.name().name().equals("map")) {
          continue;
        }
        if (counts.get("map") > 1) {
          ctx.error(ValidationCodes.DUPLICATE_ATTRIBUTE, "Attribute \"@map\" can only be defined once.", a.span());
        } else {
          readName(a, "@map", "name");
        }
      }
    }
    Map<String, List<BlockAttribute>> byName = new LinkedHashMap<>();
    for (BlockAttribute b : e.blockAttributes()) {
      if (!Set.of("map", "schema").contains(b.name())) {
        ctx.error(ValidationCodes.UNKNOWN_ATTRIBUTE, "Attribute not known: \"@" + b.name() + "\".", b.attribute().span());
        continue;
      }
      byName.computeIfAbsent(b.name(), k -> new ArrayList<>()).add(b);
    }
    byName.forEach((name, list) -> {
      if (list.size() > 1) {
        list.forEach(b -> ctx.error(
            ValidationCodes.DUPLICATE_ATTRIBUTE, "Attribute \"@" + name + "\" can only be defined once.", b.attribute().span()));
      } else {
        readName(list.get(0).attribute(), "@@" + name, name.equals("map") ? "name" : "map");
      }
    });
  }
}
