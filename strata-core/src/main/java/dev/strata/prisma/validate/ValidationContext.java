package dev.strata.prisma.validate;

import dev.strata.diag.Diagnostic;
import dev.strata.diag.Diagnostics;
import dev.strata.diag.EditDistance;
import dev.strata.diag.Span;
import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.BlockAttribute;
import dev.strata.prisma.ast.ConstantValue;
import dev.strata.prisma.ast.Declaration;
import dev.strata.prisma.ast.EnumDecl;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.FunctionCall;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.ast.NumericLiteral;
import dev.strata.prisma.ast.ObjectExpression;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.ast.StringLiteral;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Shared state of one validation run: the schema, what the configuration says, lookups by name. */
final class ValidationContext {
  /** The scalar types Prisma knows. */
  static final Set<String> SCALARS =
      Set.of("String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes");

  final PrismaSchema schema;
  final Diagnostics diagnostics;

  /** The provider as written, when there is a datasource with a literal provider. */
  Optional<String> provider = Optional.empty();
  /** True when the datasource names a provider other than PostgreSQL (one error already reported). */
  boolean unsupportedProvider;
  /** Name of the (first) datasource, the prefix of native type attributes. */
  Optional<String> datasourceName = Optional.empty();
  final Set<String> previewFeatures = new HashSet<>();
  /** The datasource {@code schemas} list, when written. */
  Optional<List<String>> schemas = Optional.empty();
  boolean relationModePrisma;

  /** The first declaration of each model, view and composite type name. */
  final Map<String, ModelDecl> models = new HashMap<>();
  final Map<String, EnumDecl> enums = new HashMap<>();

  ValidationContext(PrismaSchema schema, Diagnostics diagnostics) {
    this.schema = schema;
    this.diagnostics = diagnostics;
    for (Declaration d : schema.declarations().toList()) {
      if (d instanceof ModelDecl m) {
        models.putIfAbsent(m.name().name(), m);
      } else if (d instanceof EnumDecl e) {
        enums.putIfAbsent(e.name().name(), e);
      }
    }
  }

  boolean isPostgres() {
    return !unsupportedProvider;
  }

  boolean hasPreview(String feature) {
    return previewFeatures.contains(feature);
  }

  // ---- reporting ----

  void error(String code, String message, Span span) {
    diagnostics.add(Diagnostic.error(code, message, span));
  }

  void error(String code, String message, Span span, String help) {
    diagnostics.add(Diagnostic.error(code, message, span).withHelp(help));
  }

  void warning(String code, String message, Span span) {
    diagnostics.add(Diagnostic.warning(code, message, span));
  }

  /** Prisma's prefix for problems found while reading one attribute. */
  static String attributeError(String attributeName, String message) {
    return "Error parsing attribute \"@" + attributeName + "\": " + message;
  }

  /** Prisma's prefix for problems of a whole model or view. */
  static String modelError(ModelDecl model, String message) {
    return "Error validating " + model.keyword() + " \"" + model.name().name() + "\": " + message;
  }

  // ---- field classification ----

  /** What a field's type refers to. */
  enum TypeKind {
    SCALAR,
    ENUM,
    MODEL,
    COMPOSITE,
    UNSUPPORTED,
    UNKNOWN,
    NONE
  }

  TypeKind kindOf(FieldDecl field) {
    if (field.type().isEmpty()) {
      return TypeKind.NONE;
    }
    var type = field.type().get();
    if (type.isUnsupported()) {
      return TypeKind.UNSUPPORTED;
    }
    String name = type.name().name();
    if (SCALARS.contains(name)) {
      return TypeKind.SCALAR;
    }
    if (enums.containsKey(name)) {
      return TypeKind.ENUM;
    }
    ModelDecl target = models.get(name);
    if (target != null) {
      return target.kind() == ModelDecl.Kind.TYPE ? TypeKind.COMPOSITE : TypeKind.MODEL;
    }
    return TypeKind.UNKNOWN;
  }

  boolean isRelationField(FieldDecl field) {
    return kindOf(field) == TypeKind.MODEL;
  }

  /** The scalar type name of a field, or empty when it is not a built-in scalar. */
  Optional<String> scalarType(FieldDecl field) {
    return kindOf(field) == TypeKind.SCALAR ? Optional.of(field.type().get().name().name()) : Optional.empty();
  }

  // ---- attribute helpers ----

  static String fullName(Attribute a, boolean block) {
    return (block ? "@@" : "@") + a.name().name();
  }

  static Optional<BlockAttribute> blockAttribute(Declaration d, String name) {
    return d.blockAttributes().stream().filter(b -> b.name().equals(name)).findFirst();
  }

  static List<BlockAttribute> blockAttributes(Declaration d, String name) {
    return d.blockAttributes().stream().filter(b -> b.name().equals(name)).toList();
  }

  /** The string of {@code @map("x")} / {@code @@map("x")}, if written correctly. */
  static Optional<String> mapValue(Attribute a) {
    return a.positional(0).or(() -> a.named("name")).flatMap(arg -> arg.value()).flatMap(ValidationContext::stringValue);
  }

  static Optional<String> stringValue(Expression e) {
    return e instanceof StringLiteral s ? Optional.of(s.value()) : Optional.empty();
  }

  /** The database name of a model, view or enum: its {@code @@map} or its name. */
  static String dbName(Declaration d) {
    return blockAttribute(d, "map").flatMap(b -> mapValue(b.attribute())).orElse(d.name().name());
  }

  /** The database column name of a field: its {@code @map} or its name. */
  static String columnName(FieldDecl f) {
    return f.attribute("map").flatMap(ValidationContext::mapValue).orElse(f.name().name());
  }

  /** The schema a model, view or enum lives in, when {@code @@schema} is written. */
  static Optional<String> schemaOf(Declaration d) {
    return blockAttribute(d, "schema")
        .flatMap(b -> b.attribute().positional(0))
        .flatMap(a -> a.value())
        .flatMap(ValidationContext::stringValue);
  }

  static boolean isIgnored(Declaration d) {
    return blockAttribute(d, "ignore").isPresent();
  }

  /** Prisma's description of an expression's kind, as in "received numeric value `2`". */
  static String describe(Expression e) {
    String kind;
    if (e instanceof StringLiteral) {
      kind = "string";
    } else if (e instanceof NumericLiteral) {
      kind = "numeric";
    } else if (e instanceof ConstantValue) {
      kind = "literal";
    } else if (e instanceof FunctionCall) {
      kind = "function";
    } else if (e instanceof ArrayExpression) {
      kind = "array";
    } else if (e instanceof ObjectExpression) {
      kind = "object";
    } else {
      kind = "unknown";
    }
    return kind + " value `" + e.render() + "`";
  }

  /** The closest candidate within a small edit distance, if any. */
  static Optional<String> closest(String name, Iterable<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int limit = Math.max(1, Math.min(3, name.length() / 3));
    for (String c : candidates) {
      int d = EditDistance.levenshteinIgnoringCase(name, c);
      if (d <= limit && (d < bestDistance || (d == bestDistance && c.compareTo(best) < 0))) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }
}
