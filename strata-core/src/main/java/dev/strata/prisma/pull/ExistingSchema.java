package dev.strata.prisma.pull;

import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.BlockAttribute;
import dev.strata.prisma.ast.ConfigBlock;
import dev.strata.prisma.ast.ConfigProperty;
import dev.strata.prisma.ast.ConstantValue;
import dev.strata.prisma.ast.Declaration;
import dev.strata.prisma.ast.EnumDecl;
import dev.strata.prisma.ast.EnumValueDecl;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.FunctionCall;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.ast.PrismaFile;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.ast.StringLiteral;
import dev.strata.prisma.validate.ConstraintNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schema being re-introspected: its declarations with their database names, so that tables,
 * columns, enums, indexes and relations found in the database can be matched to what the user
 * wrote. Empty (matches nothing) under {@code force} or when there is no schema.
 */
final class ExistingSchema {
  final PrismaSchema schema;
  final boolean matching;
  final List<ModelDecl> models = new ArrayList<>();
  final List<ModelDecl> views = new ArrayList<>();
  final List<EnumDecl> enums = new ArrayList<>();
  final Set<String> typeNames = new HashSet<>();
  private final Map<Declaration, PrismaFile> fileOf = new IdentityHashMap<>();

  ExistingSchema(Optional<PrismaSchema> existing, boolean force) {
    this.schema = existing.orElse(new PrismaSchema(List.of()));
    this.matching = existing.isPresent() && !force;
    for (PrismaFile file : schema.files()) {
      for (Declaration d : file.declarations()) {
        fileOf.put(d, file);
        if (d instanceof ModelDecl m && m.kind() == ModelDecl.Kind.MODEL) {
          models.add(m);
          typeNames.add(m.name().name());
        } else if (d instanceof ModelDecl m && m.kind() == ModelDecl.Kind.VIEW) {
          views.add(m);
          typeNames.add(m.name().name());
        } else if (d instanceof EnumDecl e) {
          enums.add(e);
        }
      }
    }
  }

  Optional<PrismaFile> fileOf(Declaration d) {
    return Optional.ofNullable(fileOf.get(d));
  }

  /** The prefix of native type attributes: the datasource's name, {@code db} when there is none. */
  String datasourceName() {
    return schema.datasource().map(d -> d.name().name()).orElse("db");
  }

  /** The datasource's {@code schemas = [...]} (multiSchema), empty when not written. */
  List<String> datasourceSchemas() {
    return schema.datasource()
        .flatMap(d -> d.property("schemas"))
        .flatMap(ConfigProperty::value)
        .map(ExistingSchema::strings)
        .orElse(List.of());
  }

  boolean previewFeature(String feature) {
    for (ConfigBlock g : schema.generators()) {
      Optional<Expression> value = g.property("previewFeatures").flatMap(ConfigProperty::value);
      if (value.isPresent() && strings(value.get()).stream().anyMatch(f -> f.equalsIgnoreCase(feature))) {
        return true;
      }
    }
    return false;
  }

  boolean relationModePrisma() {
    return schema.datasource()
        .flatMap(d -> d.property("relationMode").or(() -> d.property("referentialIntegrity")))
        .flatMap(ConfigProperty::value)
        .flatMap(ExistingSchema::string)
        .map("prisma"::equals)
        .orElse(false);
  }

  // ---- matching ----

  Optional<ModelDecl> model(String schemaName, String table, boolean namespaces) {
    return matching ? find(models, schemaName, table, namespaces) : Optional.empty();
  }

  Optional<ModelDecl> view(String schemaName, String view, boolean namespaces) {
    return matching ? find(views, schemaName, view, namespaces) : Optional.empty();
  }

  Optional<EnumDecl> enumType(String schemaName, String name, boolean namespaces) {
    if (!matching) {
      return Optional.empty();
    }
    return enums.stream()
        .filter(e -> dbName(e).equals(name) && (!namespaces || schemaOf(e).map(schemaName::equals).orElse(true)))
        .findFirst();
  }

  private static <T extends Declaration> Optional<T> find(List<T> decls, String schemaName, String name, boolean namespaces) {
    return decls.stream()
        .filter(d -> dbName(d).equals(name) && (!namespaces || schemaOf(d).map(schemaName::equals).orElse(true)))
        .findFirst();
  }

  /** The scalar field of {@code model} stored in {@code column}. */
  Optional<FieldDecl> field(ModelDecl model, String column) {
    return model.fields().stream().filter(f -> !isRelationField(f) && columnName(f).equals(column)).findFirst();
  }

  boolean isRelationField(FieldDecl f) {
    return f.type().map(t -> !t.isUnsupported() && typeNames.contains(t.name().name())).orElse(false);
  }

  Optional<EnumValueDecl> enumValue(EnumDecl e, String dbValue) {
    return e.values().stream().filter(v -> valueDbName(v).equals(dbValue)).findFirst();
  }

  // ---- names as written ----

  static String dbName(Declaration d) {
    return blockAttribute(d, "map").flatMap(b -> firstString(b.attribute())).orElse(d.name().name());
  }

  static Optional<String> mappedName(Declaration d) {
    return blockAttribute(d, "map").flatMap(b -> firstString(b.attribute()));
  }

  static Optional<String> schemaOf(Declaration d) {
    return blockAttribute(d, "schema").flatMap(b -> firstString(b.attribute()));
  }

  static String columnName(FieldDecl f) {
    return f.attribute("map").flatMap(ExistingSchema::firstString).orElse(f.name().name());
  }

  static Optional<String> mappedName(FieldDecl f) {
    return f.attribute("map").flatMap(ExistingSchema::firstString);
  }

  static String valueDbName(EnumValueDecl v) {
    return v.attributes().stream()
        .filter(a -> a.name().name().equals("map"))
        .findFirst()
        .flatMap(ExistingSchema::firstString)
        .orElse(v.name().name());
  }

  static Optional<String> mappedName(EnumValueDecl v) {
    return v.attributes().stream().filter(a -> a.name().name().equals("map")).findFirst().flatMap(ExistingSchema::firstString);
  }

  static Optional<BlockAttribute> blockAttribute(Declaration d, String name) {
    return d.blockAttributes().stream().filter(b -> b.name().equals(name)).findFirst();
  }

  static Optional<String> firstString(Attribute a) {
    return a.positional(0).or(() -> a.named("name")).flatMap(Argument::value).flatMap(ExistingSchema::string);
  }

  static Optional<String> string(Expression e) {
    return e instanceof StringLiteral s ? Optional.of(s.value()) : Optional.empty();
  }

  static List<String> strings(Expression e) {
    List<Expression> items = e instanceof ArrayExpression a ? a.elements() : List.of(e);
    List<String> out = new ArrayList<>();
    for (Expression item : items) {
      string(item).ifPresent(out::add);
    }
    return out;
  }

  // ---- indexes as written ----

  /** An index, unique constraint or id written in the schema, with its database name. */
  record WrittenIndex(String kind, List<String> fields, String constraintName, Optional<String> clientName, int position) {}

  /**
   * The {@code @@id}/{@code @id}, {@code @@unique}/{@code @unique} and {@code @@index} of a model,
   * each with the constraint name Prisma gives it ({@code map:} or the default) and its position.
   */
  List<WrittenIndex> indexes(ModelDecl model) {
    List<WrittenIndex> out = new ArrayList<>();
    String table = dbName(model);
    int position = 0;
    for (FieldDecl f : model.fields()) {
      for (Attribute unique : f.attributes("unique")) {
        String column = columnName(f);
        String name = mapArgument(unique).orElseGet(() -> ConstraintNames.unique(table, List.of(column)));
        out.add(new WrittenIndex("unique", List.of(f.name().name()), name, Optional.empty(), position++));
      }
    }
    for (BlockAttribute b : model.blockAttributes()) {
      String kind = b.name();
      if (!kind.equals("index") && !kind.equals("unique") && !kind.equals("id")) {
        continue;
      }
      List<String> fields = fieldRefs(b.attribute());
      List<String> columns = fields.stream().map(n -> model.field(n).map(ExistingSchema::columnName).orElse(n)).toList();
      Optional<String> map = mapArgument(b.attribute());
      Optional<String> clientName = b.attribute().named("name").flatMap(Argument::value).flatMap(ExistingSchema::string);
      if (kind.equals("index") && map.isEmpty() && clientName.isPresent()) {
        // `name:` on @@index is the legacy spelling of `map:`.
        map = clientName;
        clientName = Optional.empty();
      }
      String name = map.orElseGet(() -> switch (kind) {
        case "id" -> ConstraintNames.primaryKey(table);
        case "unique" -> ConstraintNames.unique(table, columns);
        default -> ConstraintNames.index(table, columns);
      });
      out.add(new WrittenIndex(kind, fields, name, clientName, position++));
    }
    return out;
  }

  static Optional<String> mapArgument(Attribute a) {
    return a.named("map").flatMap(Argument::value).flatMap(ExistingSchema::string);
  }

  static List<String> fieldRefs(Attribute a) {
    Optional<Expression> fields = a.named("fields").flatMap(Argument::value).or(() -> a.positional(0).flatMap(Argument::value));
    List<String> out = new ArrayList<>();
    if (fields.isEmpty()) {
      return out;
    }
    List<Expression> items = fields.get() instanceof ArrayExpression arr ? arr.elements() : List.of(fields.get());
    for (Expression item : items) {
      if (item instanceof ConstantValue c) {
        out.add(c.name());
      } else if (item instanceof FunctionCall call) {
        out.add(call.name().name());
      }
    }
    return out;
  }
}
