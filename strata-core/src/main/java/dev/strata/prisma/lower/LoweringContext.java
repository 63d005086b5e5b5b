package dev.strata.prisma.lower;

import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.BlockAttribute;
import dev.strata.prisma.ast.ConfigBlock;
import dev.strata.prisma.ast.ConfigProperty;
import dev.strata.prisma.ast.ConstantValue;
import dev.strata.prisma.ast.Declaration;
import dev.strata.prisma.ast.EnumDecl;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.ast.StringLiteral;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What lowering needs to know about a schema: configuration, declarations by name, database names. */
final class LoweringContext {
  /** The scalar types Prisma knows. */
  static final Set<String> SCALARS =
      Set.of("String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes");

  final PrismaSchema schema;
  final String defaultSchema;
  /** The prefix of native type attributes ({@code db} in {@code @db.VarChar}). */
  final Optional<String> datasourceName;
  /** The datasource {@code schemas}, when written (multiSchema). */
  final Optional<List<String>> schemas;
  final boolean relationModePrisma;
  /** Models and views (not composite types), first declaration of a name only, in schema order. */
  final List<ModelDecl> models = new ArrayList<>();
  final Map<String, ModelDecl> modelsByName = new HashMap<>();
  final Map<String, EnumDecl> enumsByName = new HashMap<>();
  final List<EnumDecl> enums = new ArrayList<>();

  LoweringContext(PrismaSchema schema, String defaultSchema) {
    this.schema = schema;
    this.defaultSchema = defaultSchema;
    Optional<ConfigBlock> ds = schema.datasource();
    this.datasourceName = ds.map(d -> d.name().name());
    this.schemas = ds.flatMap(d -> d.property("schemas")).flatMap(ConfigProperty::value).map(LoweringContext::strings);
    this.relationModePrisma =
        ds.flatMap(d -> d.property("relationMode").or(() -> d.property("referentialIntegrity")))
            .flatMap(ConfigProperty::value)
            .flatMap(LoweringContext::stringValue)
            .map("prisma"::equals)
            .orElse(false);
    for (Declaration d : schema.declarations().toList()) {
      if (d instanceof ModelDecl m && m.kind() != ModelDecl.Kind.TYPE && !modelsByName.containsKey(m.name().name())) {
        modelsByName.put(m.name().name(), m);
        models.add(m);
      } else if (d instanceof EnumDecl e && !enumsByName.containsKey(e.name().name())) {
        enumsByName.put(e.name().name(), e);
        enums.add(e);
      }
    }
  }

  /** The explicit namespaces (multiSchema), without duplicates. */
  Set<String> explicitSchemas() {
    return schemas.<Set<String>>map(Set::copyOf).orElse(Set.of());
  }

  /** The namespace a model, view or enum lives in: its {@code @@schema} under multiSchema, else the default. */
  String schemaOf(Declaration d) {
    if (schemas.isEmpty()) {
      return defaultSchema;
    }
    return blockAttribute(d, "schema")
        .flatMap(b -> b.attribute().positional(0))
        .flatMap(Argument::value)
        .flatMap(LoweringContext::stringValue)
        .orElse(defaultSchema);
  }

  // ---- names ----

  static Optional<BlockAttribute> blockAttribute(Declaration d, String name) {
    return d.blockAttributes().stream().filter(b -> b.name().equals(name)).findFirst();
  }

  /** The string of {@code @map("x")} / {@code @@map("x")} (positional or {@code name:}). */
  static Optional<String> mapValue(Attribute a) {
    return a.positional(0).or(() -> a.named("name")).flatMap(Argument::value).flatMap(LoweringContext::stringValue);
  }

  /** The database name of a model, view or enum: its {@code @@map} or its name. */
  static String dbName(Declaration d) {
    return blockAttribute(d, "map").flatMap(b -> mapValue(b.attribute())).orElse(d.name().name());
  }

  /** The database column name of a field: its {@code @map} or its name. */
  static String columnName(FieldDecl f) {
    return f.attribute("map").flatMap(LoweringContext::mapValue).orElse(f.name().name());
  }

  /** The column name of field {@code fieldName} of {@code model}; the field name itself when there is no such field. */
  static String columnName(ModelDecl model, String fieldName) {
    return model.field(fieldName).map(LoweringContext::columnName).orElse(fieldName);
  }

  // ---- field classification ----

  /** Whether the field becomes a column: a scalar, an enum or an {@code Unsupported} type. */
  boolean isColumn(FieldDecl f) {
    if (f.type().isEmpty()) {
      return false;
    }
    if (f.type().get().isUnsupported()) {
      return true;
    }
    String name = f.type().get().name().name();
    return SCALARS.contains(name) || enumsByName.containsKey(name);
  }

  // ---- expressions ----

  static Optional<String> stringValue(Expression e) {
    return e instanceof StringLiteral s ? Optional.of(s.value()) : Optional.empty();
  }

  static List<String> strings(Expression e) {
    List<Expression> items = e instanceof ArrayExpression a ? a.elements() : List.of(e);
    List<String> out = new ArrayList<>();
    for (Expression item : items) {
      stringValue(item).ifPresent(out::add);
    }
    return out;
  }

  /** A bare identifier's name ({@code Desc}, {@code Gin}, {@code true}). */
  static Optional<String> constant(Expression e) {
    return e instanceof ConstantValue c ? Optional.of(c.name()) : Optional.empty();
  }
}
