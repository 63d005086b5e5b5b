package dev.strata.prisma.validate;

import dev.strata.prisma.DecimalText;
import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.BlockAttribute;
import dev.strata.prisma.ast.ConstantValue;
import dev.strata.prisma.ast.Declaration;
import dev.strata.prisma.ast.EnumDecl;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.FieldType;
import dev.strata.prisma.ast.FunctionCall;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.ast.NumericLiteral;
import dev.strata.prisma.ast.StringLiteral;
import dev.strata.prisma.validate.OperatorClasses.OpClass;
import dev.strata.prisma.validate.ValidationContext.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last stage, as in Prisma's validations: what the PostgreSQL connector supports (native
 * types, default functions, index kinds), views, multiSchema, database-name collisions, unique
 * criteria and constraint names. It only runs on a schema that passed the earlier stages.
 */
final class SchemaRules {
  private static final Set<String> DEFAULT_FUNCTIONS =
      Set.of("autoincrement", "ulid", "cuid", "dbgenerated", "nanoid", "now", "uuid", "auto");

  private final ValidationContext ctx;

  SchemaRules(ValidationContext ctx) {
    this.ctx = ctx;
  }

  void validate() {
    for (ModelDecl model : ctx.schema.models()) {
      switch (model.kind()) {
        case TYPE -> ctx.error(
            ValidationCodes.COMPOSITE_TYPES_UNSUPPORTED,
            "Error validating: Composite types are not supported on Postgres.",
            model.span());
        case VIEW -> validateView(model);
        case MODEL -> validateModel(model);
      }
    }
    validateSchemas();
    // Prisma reports two models on one table before anything else of its last stage.
    ctx.diagnostics.phase(PrismaValidator.DATABASE_NAMES);
    validateDatabaseNames();
    ctx.diagnostics.phase(PrismaValidator.LAST_STAGE);
    ConstraintNames.validate(ctx);
  }

  // ---- models and views ----

  private void validateFields(ModelDecl model) {
    for (FieldDecl field : model.fields()) {
      if (field.type().isEmpty()) {
        continue;
      }
      NativeTypes.validate(ctx, field);
      field.attribute("default").flatMap(a -> a.positional(0).or(() -> a.named("value"))).flatMap(Argument::value)
          .ifPresent(v -> checkDefaultValue(field, v));
    }
  }

  private void validateView(ModelDecl view) {
    if (!ctx.hasPreview("views")) {
      ctx.error(
          ValidationCodes.VIEWS_NEED_PREVIEW,
          "Error validating: View definitions are only available with the `views` preview feature.",
          view.span());
    }
    validateFields(view);
    for (IndexDef def : IndexDef.of(view)) {
      switch (def.kind()) {
        case ID -> ctx.error(ValidationCodes.VIEW_PRIMARY_KEY, "Error validating: Views cannot have primary keys.", def.attribute().span());
        case INDEX, FULLTEXT -> ctx.error(ValidationCodes.VIEW_INDEX, "Error validating: Views cannot have indexes.", def.attribute().span());
        case UNIQUE -> {
          if (def.mapExpression().isPresent()) {
            ctx.error(
                ValidationCodes.VIEW_UNIQUE_MAP,
                "Error validating: @@unique annotations on views are not backed by unique indexes in the database and cannot specify a mapped database name.",
                def.attribute().span());
          }
          if (def.block() && def.fields().stream().anyMatch(f -> !f.arguments().isEmpty())) {
            ctx.error(
                ValidationCodes.VIEW_UNIQUE_FIELD_ARGUMENTS,
                ValidationContext.attributeError("@unique", "Scalar fields in @@unique attributes in views cannot have arguments."),
                def.attribute().span());
          }
        }
      }
    }
  }

  private void validateModel(ModelDecl model) {
    validateFields(model);
    List<IndexDef> defs = IndexDef.of(model);
    for (IndexDef def : defs) {
      checkIndexCapabilities(model, def);
    }
    if (!ValidationContext.isIgnored(model) && !hasUniqueCriterion(model, defs)) {
      ctx.error(
          ValidationCodes.MISSING_UNIQUE_CRITERIA,
          ValidationContext.modelError(model,
              "Each model must have at least one unique criteria that has only required fields. Either mark a single field with `@id`, `@unique` or add a multi field criterion with `@@id([])` or `@@unique([])` to the model."),
          model.span());
    }
  }

  private boolean hasUniqueCriterion(ModelDecl model, List<IndexDef> defs) {
    for (IndexDef def : defs) {
      if (def.kind() == IndexDef.Kind.ID) {
        return true;
      }
      if (def.kind() != IndexDef.Kind.UNIQUE || def.fields().isEmpty()) {
        continue;
      }
      boolean allRequired = def.fields().stream().allMatch(ref -> model.field(ref.name())
          .filter(f -> f.type().map(t -> t.arity() == FieldType.Arity.REQUIRED).orElse(false))
          .filter(f -> {
            TypeKind k = ctx.kindOf(f);
            return k == TypeKind.SCALAR || k == TypeKind.ENUM;
          })
          .filter(f -> f.attribute("ignore").isEmpty())
          .isPresent());
      if (allRequired) {
        return true;
      }
    }
    return false;
  }

  // ---- @default against the connector ----

  private void checkDefaultValue(FieldDecl field, Expression value) {
    if (value instanceof FunctionCall f) {
      String fn = f.name().name();
      if (!DEFAULT_FUNCTIONS.contains(fn)) {
        ctx.error(
            ValidationCodes.UNKNOWN_DEFAULT_FUNCTION,
            "Unknown function in @default(): `" + fn + "` is not known. You can read about the available functions here: https://pris.ly/d/attribute-functions",
            f.span());
      } else if (fn.equals("auto")) {
        ctx.error(
            ValidationCodes.DEFAULT_FUNCTION_UNSUPPORTED,
            ValidationContext.attributeError("default", "The current connector does not support the `auto()` function."),
            f.span());
      }
      return;
    }
    Optional<String> scalar = ctx.scalarType(field);
    if (scalar.isEmpty()) {
      return;
    }
    // Prisma reports every element of a list default that does not parse.
    List<Expression> items = value instanceof ArrayExpression a ? a.elements() : List.of(value);
    for (Expression item : items) {
      if (scalar.get().equals("Decimal") && item instanceof StringLiteral s) {
        DecimalText.Parsed parsed = DecimalText.parse(s.value());
        if (!parsed.ok()) {
          // Prisma names the attribute without its @ in this one message.
          ctx.error(
              ValidationCodes.INVALID_DEFAULT_VALUE,
              "Error parsing attribute \"default\": Parse error: \"" + s.value() + "\" is not a valid decimal. (" + parsed.error() + ")",
              item.span());
        }
        continue;
      }
      Optional<String> problem = parseProblem(scalar.get(), item);
      if (problem.isPresent()) {
        ctx.error(
            scalar.get().equals("Json") ? ValidationCodes.INVALID_JSON_DEFAULT : ValidationCodes.INVALID_DEFAULT_VALUE,
            ValidationContext.attributeError("default", "Parse error: " + problem.get()),
            item.span());
      }
    }
  }

  private static Optional<String> parseProblem(String scalar, Expression item) {
    switch (scalar) {
      case "Int", "BigInt" -> {
        if (item instanceof NumericLiteral n) {
          try {
            // Prisma reads Int and BigInt defaults alike, as 64-bit integers: Int @default(2147483648) is valid.
            BigInteger v = new BigInteger(n.text());
            if (v.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
              return Optional.of("\"" + n.text() + "\" is not a valid integer. (number too large to fit in target type)");
            }
            if (v.compareTo(BigInteger.valueOf(Long.MIN_VALUE)) < 0) {
              return Optional.of("\"" + n.text() + "\" is not a valid integer. (number too small to fit in target type)");
            }
          } catch (NumberFormatException e) {
            return Optional.of("\"" + n.text() + "\" is not a valid integer. (invalid digit found in string)");
          }
        }
      }
      case "Float", "Decimal" -> {
        if (item instanceof NumericLiteral n) {
          try {
            new BigDecimal(n.text());
          } catch (NumberFormatException e) {
            return Optional.of("\"" + n.text() + "\" is not a valid number.");
          }
        }
      }
      case "Json" -> {
        if (item instanceof StringLiteral s) {
          Optional<String> problem = JsonText.problem(s.value());
          if (problem.isPresent()) {
            return Optional.of("\"" + s.value() + "\" is not a valid JSON string. (" + problem.get() + ")");
          }
        }
      }
      case "Bytes" -> {
        if (item instanceof StringLiteral s) {
          try {
            // Prisma wants padded standard base64; Java's decoder would also take unpadded input.
            if (s.value().length() % 4 != 0) {
              throw new IllegalArgumentException("unpadded");
            }
            Base64.getDecoder().decode(s.value());
          } catch (IllegalArgumentException e) {
            return Optional.of("\"" + s.value()
                + "\" is not a valid base64 string. (Could not convert from `base64 encoded bytes` to `PrismaValue::Bytes`)");
          }
        }
      }
      case "DateTime" -> {
        if (item instanceof StringLiteral s) {
          try {
            OffsetDateTime.parse(s.value().replace(' ', 'T'));
          } catch (DateTimeParseException e) {
            return Optional.of("\"" + s.value() + "\" is not a valid rfc3339 datetime string. (input contains invalid characters)");
          }
        }
      }
      default -> { }
    }
    return Optional.empty();
  }

  // ---- indexes against the connector ----

  private void checkIndexCapabilities(ModelDecl model, IndexDef def) {
    String attr = def.displayName().substring(1);
    if (def.kind() == IndexDef.Kind.FULLTEXT) {
      ctx.error(
          ValidationCodes.FULLTEXT_UNSUPPORTED,
          ValidationContext.attributeError(attr, "Defining fulltext indexes is not supported with the current connector."),
          def.attribute().span());
      return;
    }
    if (def.block() && def.fields().isEmpty()) {
      ctx.error(
          ValidationCodes.INDEX_EMPTY,
          ValidationContext.attributeError(attr, "The list of fields in an index cannot be empty. Please specify at least one field."),
          def.attribute().span());
      return;
    }
    boolean length = def.argument("length").isPresent()
        || (def.block() && def.fields().stream().anyMatch(f -> f.argument("length").isPresent()));
    if (length) {
      ctx.error(
          ValidationCodes.INDEX_ARGUMENT_UNSUPPORTED,
          ValidationContext.attributeError(attr, "The length argument is not supported in an index definition with the current connector"),
          def.attribute().span());
    }
    if (def.argument("clustered").isPresent()) {
      ctx.error(
          ValidationCodes.INDEX_ARGUMENT_UNSUPPORTED,
          ValidationContext.attributeError(attr, "Defining clustering is not supported in the current connector."),
          def.attribute().span());
    }
    boolean sort = def.fields().stream().anyMatch(f -> f.argument("sort").isPresent());
    if (sort && def.kind() == IndexDef.Kind.ID) {
      ctx.error(
          ValidationCodes.PRIMARY_KEY_SORT_UNSUPPORTED,
          ValidationContext.attributeError(attr, "The sort argument is not supported in the primary key with the current connector"),
          def.attribute().span());
    }
    boolean hash = def.kind() == IndexDef.Kind.INDEX
        && def.argument("type").filter(t -> t instanceof ConstantValue c && c.name().equals("Hash")).isPresent();
    if (sort && hash) {
      ctx.error(
          ValidationCodes.HASH_INDEX_SORT,
          ValidationContext.attributeError(attr, "Hash type does not support sort option."),
          def.attribute().span());
    }
    if (def.argument("where").isPresent() && !ctx.hasPreview("partialIndexes")) {
      ctx.error(
          ValidationCodes.PARTIAL_INDEX_NEEDS_PREVIEW,
          ValidationContext.attributeError(attr,
              "Partial indexes are a preview feature. Add \"partialIndexes\" to previewFeatures in your generator block."),
          def.argument("where").get().span());
    }
    if (def.kind() == IndexDef.Kind.INDEX) {
      checkIndexType(model, def);
    }
  }

  private void checkIndexType(ModelDecl model, IndexDef def) {
    String type = def.argument("type").filter(ConstantValue.class::isInstance).map(e -> ((ConstantValue) e).name()).orElse("BTree");
    if (type.equals("SpGist") && def.fields().size() > 1) {
      opsError(def, "SpGist does not support multi-column indices.");
      return;
    }
    for (IndexDef.FieldRef ref : def.fields()) {
      Optional<FieldDecl> field = model.field(ref.name());
      if (field.isEmpty() || field.get().type().isEmpty()) {
        continue;
      }
      FieldDecl f = field.get();
      Optional<String> scalar = ctx.scalarType(f);
      Optional<String> nativeType = NativeTypes.nativeTypeName(f, ctx.datasourceName);
      boolean list = f.type().get().arity() == FieldType.Arity.LIST;
      Optional<Expression> ops = ref.argument("ops");
      if (ops.isPresent() && ops.get() instanceof ConstantValue c && OperatorClasses.isKnown(c.name())) {
        OpClass oc = OperatorClasses.ALL.get(c.name());
        String shown = OperatorClasses.display(oc.name());
        if (!Set.of(oc.indexType().split("\\|")).contains(type)) {
          opsError(def, "The given operator class `" + shown + "` is not supported with the `" + type + "` index type.");
          continue;
        }
        checkOpClassField(def, oc, shown, f.name().name(), scalar, nativeType, list);
      } else if (ops.isEmpty()) {
        // Prisma leaves Unsupported("…") fields to the database: any index type may hold them.
        boolean unsupportedType = f.type().get().isUnsupported();
        boolean supported = unsupportedType || switch (type) {
          case "SpGist" -> scalar.equals(Optional.of("String"))
              && nativeType.map(n -> Set.of("Text", "VarChar", "Char", "Inet").contains(n)).orElse(true);
          case "Gin" -> list || scalar.equals(Optional.of("Json"));
          // A plain String is accepted (Prisma leaves the operator class to the database).
          case "Gist" -> scalar.equals(Optional.of("String"));
          default -> true;
        };
        if (!supported) {
          opsError(def, "The " + type + " index type does not support the type of the field `" + f.name().name() + "`.");
        } else if (type.equals("Gist") && !unsupportedType && nativeType.isPresent()) {
          opsError(def, "The Gist index field type `" + nativeType.get() + "` has no default operator class.");
        }
      }
    }
  }

  private void checkOpClassField(IndexDef def, OpClass oc, String shown, String fieldName, Optional<String> scalar,
      Optional<String> nativeType, boolean list) {
    switch (oc.name()) {
      case "ArrayOps" -> {
        if (!list) {
          opsError(def, "The given operator class `" + shown + "` expects the type of field `" + fieldName + "` to be an array.");
        }
        return;
      }
      case "TextOps" -> {
        if (!scalar.equals(Optional.of("String"))) {
          opsError(def, "The given operator class `" + shown + "` points to the field `" + fieldName + "` that is not of String type.");
        }
        return;
      }
      case "JsonbOps", "JsonbPathOps" -> {
        if (!scalar.equals(Optional.of("Json"))) {
          opsError(def, "The given operator class `" + shown + "` points to the field `" + fieldName + "` that is not of Json type.");
        } else if (nativeType.isPresent() && !nativeType.get().equals("JsonB")) {
          opsError(def, "The given operator class `" + shown + "` does not support native type `" + nativeType.get() + "` of field `" + fieldName + "`.");
        }
        return;
      }
      default -> { }
    }
    String required = oc.nativeType().orElse("");
    boolean scalarFits = oc.scalar().map(s -> scalar.equals(Optional.of(s))).orElse(true);
    if (!scalarFits || (nativeType.isEmpty() && !oc.nativeIsDefault())) {
      opsError(def, "The given operator class `" + shown + "` expects the field `" + fieldName + "` to define a valid native type.");
    } else if (nativeType.isPresent() && !nativeType.get().equals(required)) {
      opsError(def, "The given operator class `" + shown + "` does not support native type `" + nativeType.get() + "` of field `" + fieldName + "`.");
    }
  }

  private void opsError(IndexDef def, String message) {
    ctx.error(
        ValidationCodes.INVALID_OPERATOR_CLASS,
        ValidationContext.attributeError(def.displayName().substring(1), message),
        def.attribute().span());
  }

  // ---- multiSchema ----

  private void validateSchemas() {
    List<String> declared = ctx.schemas.orElse(List.of());
    for (Declaration d : ctx.schema.declarations().toList()) {
      if (!(d instanceof ModelDecl) && !(d instanceof EnumDecl)) {
        continue;
      }
      if (d instanceof ModelDecl m && m.kind() == ModelDecl.Kind.TYPE) {
        continue;
      }
      Optional<BlockAttribute> schemaAttr = ValidationContext.blockAttribute(d, "schema");
      if (schemaAttr.isPresent()) {
        Attribute a = schemaAttr.get().attribute();
        Optional<String> name = a.positional(0).or(() -> a.named("map")).flatMap(Argument::value).flatMap(ValidationContext::stringValue);
        if (name.isPresent() && !declared.contains(name.get())) {
          ctx.error(
              ValidationCodes.SCHEMA_NOT_DEFINED,
              "This schema is not defined in the datasource. Read more on `@@schema` at https://pris.ly/d/multi-schema",
              a.span(),
              declared.isEmpty()
                  ? "list the schemas in the datasource: schemas = [\"" + name.get() + "\"]"
                  : "schemas in the datasource: " + String.join(", ", declared));
        }
      } else if (ctx.schemas.isPresent()) {
        if (d instanceof ModelDecl m) {
          ctx.error(
              ValidationCodes.SCHEMA_MISSING,
              ValidationContext.modelError(m, "This " + m.keyword() + " is missing an `@@schema` attribute."),
              d.span());
        } else {
          ctx.error(ValidationCodes.SCHEMA_MISSING, "This enum is missing an `@@schema` attribute.", d.span());
        }
      }
    }
  }

  // ---- database names ----

  private void validateDatabaseNames() {
    Map<String, ModelDecl> tables = new HashMap<>();
    Map<String, EnumDecl> enumTypes = new HashMap<>();
    for (Declaration d : ctx.schema.declarations().toList()) {
      String key = ValidationContext.schemaOf(d).orElse("") + "\u0000" + ValidationContext.dbName(d);
      if (d instanceof ModelDecl m && m.kind() != ModelDecl.Kind.TYPE) {
        // As Prisma: each model replaces the one before it under its table name (so a third
        // model is compared with the second), and the error goes on a `@@map`: the later
        // model's, or when it has none, the earlier model's.
        ModelDecl earlier = tables.put(key, m);
        if (earlier != null) {
          var ownMap = ValidationContext.blockAttribute(m, "map").map(b -> b.attribute().span());
          var span = ownMap
              .or(() -> ValidationContext.blockAttribute(earlier, "map").map(b -> b.attribute().span()))
              .orElse(m.name().span());
          String existing = ownMap.isPresent() ? earlier.name().name() : m.name().name();
          ctx.error(
              ValidationCodes.DUPLICATE_TABLE_NAME,
              "The " + m.keyword() + " with database name \"" + ValidationContext.dbName(m)
                  + "\" could not be defined because another model or view with this name exists: \"" + existing + "\"",
              span);
        }
      } else if (d instanceof EnumDecl e) {
        EnumDecl earlier = enumTypes.putIfAbsent(key, e);
        if (earlier != null) {
          ctx.error(ValidationCodes.DUPLICATE_ENUM_DB_NAME, "An enum with the same database name is already defined.", e.span());
        }
      }
    }
  }
}
