package dev.strata.prisma.docs;

import dev.strata.SchemaDocs;
import dev.strata.SchemaDocs.EnumDoc;
import dev.strata.SchemaDocs.Field;
import dev.strata.SchemaDocs.IndexDoc;
import dev.strata.SchemaDocs.MigrationDoc;
import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.EnumDecl;
import dev.strata.prisma.ast.EnumValueDecl;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.FieldType;
import dev.strata.prisma.ast.FunctionCall;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.ast.StringLiteral;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.EnumType;
import dev.strata.schema.Index;
import dev.strata.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schema's documentation, gathered from the Prisma AST (names, types as written, attributes,
 * {@code ///} comments, relations) and its IR (tables, native types, index names).
 */
public final class SchemaDocumentation {
  private static final Set<String> SCALARS =
      Set.of("String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes");

  private SchemaDocumentation() {}

  /** Builds the documentation; {@code ir} is the lowering of {@code schema}. */
  public static SchemaDocs build(String location, PrismaSchema schema, DatabaseSchema ir, List<MigrationDoc> migrations) {
    List<ModelDecl> decls = new ArrayList<>();
    Map<String, ModelDecl> byName = new HashMap<>();
    for (ModelDecl m : schema.models()) {
      if (m.kind() == ModelDecl.Kind.MODEL && !byName.containsKey(m.name().name())) {
        decls.add(m);
        byName.put(m.name().name(), m);
      }
    }
    Map<String, PrismaLowering.ModelNames> names = new HashMap<>();
    PrismaLowering.names(schema).forEach(n -> names.put(n.model(), n));
    List<SchemaDocs.Model> models = new ArrayList<>();
    for (ModelDecl m : decls) {
      PrismaLowering.ModelNames n = names.get(m.name().name());
      String tableName = n == null ? m.name().name() : n.table();
      Optional<Table> table = ir.tables().stream().filter(t -> t.name().equals(tableName)).findFirst();
      List<Field> fields = new ArrayList<>();
      List<String> relations = new ArrayList<>();
      for (FieldDecl f : m.fields()) {
        if (f.type().isEmpty()) {
          continue;
        }
        FieldType type = f.type().get();
        boolean relation = !type.isUnsupported() && byName.containsKey(type.name().name());
        Optional<String> nativeType = Optional.empty();
        if (!relation && n != null && n.columns().containsKey(f.name().name()) && table.isPresent()) {
          nativeType = table.get().column(n.columns().get(f.name().name())).map(Column::type).map(SchemaDocumentation::nativeType);
        }
        List<String> constraints = new ArrayList<>();
        if (f.attribute("id").isPresent()) {
          constraints.add("id");
        }
        if (f.attribute("unique").isPresent()) {
          constraints.add("unique");
        }
        if (f.attribute("updatedAt").isPresent()) {
          constraints.add("updatedAt");
        }
        if (relation) {
          constraints.add("relation");
          relations.add(relationInWords(m, f, type, byName));
        }
        if (f.attribute("ignore").isPresent()) {
          constraints.add("ignored");
        }
        Optional<String> defaultValue = f.attribute("default").map(SchemaDocumentation::arguments);
        fields.add(new Field(f.name().name(), type.render(), nativeType, type.arity() == FieldType.Arity.OPTIONAL, defaultValue,
            constraints, f.documentation()));
      }
      List<IndexDoc> indexes = new ArrayList<>();
      table.ifPresent(t -> {
        t.primaryKey().ifPresent(pk -> indexes.add(new IndexDoc(pk.name(), pk.columns(), true, true)));
        for (Index i : t.indexes()) {
          indexes.add(new IndexDoc(i.name(), i.columnNames(), i.unique(), false));
        }
      });
      models.add(new SchemaDocs.Model(m.name().name(), table.map(Table::schema).orElse(ir.defaultSchema()), tableName,
          m.documentation(), fields, relations, indexes, Optional.empty()));
    }
    List<EnumDoc> enums = new ArrayList<>();
    List<EnumDecl> enumDecls = schema.enums();
    for (int i = 0; i < enumDecls.size(); i++) {
      EnumDecl e = enumDecls.get(i);
      String dbName = i < ir.enums().size() && enumDecls.size() == ir.enums().size() ? ir.enums().get(i).name() : e.name().name();
      enums.add(new EnumDoc(e.name().name(), dbName, e.values().stream().map(EnumValueDecl::name).map(id -> id.name()).toList(),
          e.documentation()));
    }
    return new SchemaDocs(location, models, enums, migrations, ErdWriter.mermaid(models, ir, names), ErdWriter.dot(models, ir, names),
        areas(models, decls, ir, names));
  }

  /**
   * A large schema's areas, each drawn on its own: its files when it is written in several, else its
   * database schemas when it has several; none when it is small or has one area.
   */
  private static List<SchemaDocs.Diagram> areas(List<SchemaDocs.Model> models, List<ModelDecl> decls, DatabaseSchema ir,
      Map<String, PrismaLowering.ModelNames> names) {
    if (models.size() <= SchemaDocs.AREA_THRESHOLD) {
      return List.of();
    }
    Map<String, List<SchemaDocs.Model>> byFile = new java.util.TreeMap<>();
    Map<String, List<SchemaDocs.Model>> bySchema = new java.util.TreeMap<>();
    for (int i = 0; i < models.size(); i++) {
      byFile.computeIfAbsent(fileName(decls.get(i)), k -> new ArrayList<>()).add(models.get(i));
      bySchema.computeIfAbsent(models.get(i).schema(), k -> new ArrayList<>()).add(models.get(i));
    }
    Map<String, List<SchemaDocs.Model>> areas = byFile.size() > 1 ? byFile : bySchema.size() > 1 ? bySchema : Map.of();
    List<SchemaDocs.Diagram> out = new ArrayList<>();
    areas.forEach((title, area) -> out.add(new SchemaDocs.Diagram(title, area.stream().map(SchemaDocs.Model::name).toList(),
        ErdWriter.mermaid(area, models, ir, names))));
    return out;
  }

  /** The file a model is written in, without its folder ({@code poll.prisma}). */
  private static String fileName(ModelDecl m) {
    String path = m.span().file().path().replace('\\', '/');
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** {@code author → User: many-to-one (authorId → id)}, with the relation's name for self-relations. */
  private static String relationInWords(ModelDecl model, FieldDecl field, FieldType type, Map<String, ModelDecl> models) {
    String target = type.name().name();
    Optional<Attribute> relation = field.attribute("relation");
    Optional<String> relationName = relation.flatMap(a -> a.positional(0).or(() -> a.named("name"))).flatMap(Argument::value)
        .filter(StringLiteral.class::isInstance).map(v -> ((StringLiteral) v).value());
    List<String> fields = relation.flatMap(a -> a.named("fields")).flatMap(Argument::value).map(v -> strip(v.render())).stream().toList();
    List<String> references = relation.flatMap(a -> a.named("references")).flatMap(Argument::value).map(v -> strip(v.render())).stream().toList();
    boolean list = type.arity() == FieldType.Arity.LIST;
    ModelDecl other = models.get(target);
    Optional<FieldDecl> back = other == null ? Optional.empty() : other.fields().stream()
        .filter(f -> f != field && f.type().isPresent() && f.type().get().name().name().equals(model.name().name()))
        .filter(f -> relationName.isEmpty() || f.attribute("relation").flatMap(a -> a.positional(0).or(() -> a.named("name")))
            .flatMap(Argument::value).filter(StringLiteral.class::isInstance).map(v -> ((StringLiteral) v).value()).equals(relationName))
        .findFirst();
    boolean otherList = back.flatMap(FieldDecl::type).map(t -> t.arity() == FieldType.Arity.LIST).orElse(false);
    String kind = list && otherList ? "many-to-many" : list ? "one-to-many" : !fields.isEmpty() && otherList ? "many-to-one" : "one-to-one";
    StringBuilder out = new StringBuilder(field.name().name() + " → " + target + ": " + kind);
    if (!fields.isEmpty()) {
      out.append(" (").append(fields.get(0)).append(" → ").append(references.isEmpty() ? "?" : references.get(0)).append(")");
    } else if (back.isPresent() && kind.equals("many-to-many")) {
      out.append(" (with ").append(target).append(".").append(back.get().name().name()).append(")");
    } else if (back.isPresent()) {
      out.append(" (back-relation of ").append(target).append(".").append(back.get().name().name()).append(")");
    }
    if (target.equals(model.name().name())) {
      out.append(", self-relation").append(relationName.map(n -> " \"" + n + "\"").orElse(""));
    } else {
      relationName.ifPresent(n -> out.append(", named \"").append(n).append("\""));
    }
    return out.toString();
  }

  private static String strip(String rendered) {
    return rendered.startsWith("[") && rendered.endsWith("]") ? rendered.substring(1, rendered.length() - 1) : rendered;
  }

  private static String arguments(Attribute a) {
    return String.join(", ", a.args().stream().map(FunctionCall::renderArgument).toList());
  }

  static String nativeType(ColumnType type) {
    String args = type.args().isEmpty() ? "" : "(" + String.join(", ", type.args().stream().map(String::valueOf).toList()) + ")";
    return type.name() + args + (type.array() ? "[]" : "");
  }

  /** The IR enum named {@code name}, if any. */
  static Optional<EnumType> enumType(DatabaseSchema ir, String name) {
    return ir.enums().stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** Whether {@code type} is one of Prisma's scalar types. */
  static boolean scalar(String type) {
    return SCALARS.contains(type);
  }
}
