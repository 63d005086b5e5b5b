package dev.strata.prisma.validate;

import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.ConstantValue;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.FunctionCall;
import dev.strata.prisma.ast.Identifier;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.ast.StringLiteral;
import dev.strata.prisma.validate.Relation.ReferentialAction;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resolved relations of a schema: every relation field of every model and view, paired with its
 * opposite field the way Prisma pairs them (same relation name, explicit or generated
 * {@code AToB}). Built by {@link #of(PrismaSchema)}, which never throws and reports nothing: on an
 * invalid schema the graph is a best effort (unpaired fields become relations without a back side),
 * and {@link RelationValidator} reports the problems.
 */
public record RelationGraph(List<RelationField> fields, List<Relation> relations) {

  public RelationGraph {
    fields = List.copyOf(fields);
    relations = List.copyOf(relations);
  }

  /** Resolves the relations of {@code schema}. */
  public static RelationGraph of(PrismaSchema schema) {
    Map<String, ModelDecl> models = modelsByName(schema);
    List<RelationField> fields = new ArrayList<>();
    for (ModelDecl model : models.values()) {
      for (FieldDecl field : model.fields()) {
        relationField(model, field, models).ifPresent(fields::add);
      }
    }
    return new RelationGraph(fields, pair(fields));
  }

  /** Models and views by name; composite types are not relation targets. The first of duplicates wins. */
  static Map<String, ModelDecl> modelsByName(PrismaSchema schema) {
    Map<String, ModelDecl> models = new LinkedHashMap<>();
    for (ModelDecl m : schema.models()) {
      if (m.kind() != ModelDecl.Kind.TYPE) {
        models.putIfAbsent(m.name().name(), m);
      }
    }
    return models;
  }

  /** The relation a field belongs to. */
  public Optional<Relation> relationOf(RelationField field) {
    return relations.stream().filter(r -> r.forward() == field || r.back().orElse(null) == field).findFirst();
  }

  /** The relation field {@code model.field}, if that field is a relation field. */
  public Optional<RelationField> field(String model, String field) {
    return fields.stream().filter(f -> f.modelName().equals(model) && f.name().equals(field)).findFirst();
  }

  /** The implicit many-to-many relations (each needs a join table). */
  public List<Relation> implicitManyToMany() {
    return relations.stream().filter(r -> r.kind() == Relation.Kind.MANY_TO_MANY).toList();
  }

  /** The name Prisma gives an unnamed relation between two models: {@code AToB}, names in byte order. */
  public static String generatedName(String modelA, String modelB) {
    return modelA.compareTo(modelB) <= 0 ? modelA + "To" + modelB : modelB + "To" + modelA;
  }

  /** The relation name a field uses: its explicit name, else the generated one. */
  static String effectiveName(RelationField f) {
    return f.explicitName().orElse(generatedName(f.modelName(), f.relatedModel()));
  }

  /**
   * The key fields are paired by: an explicit name never pairs with a generated one, even when
   * both read {@code PostToUser}, as in Prisma.
   */
  static String pairingKey(RelationField f) {
    return f.explicitName().map(n -> "explicit:" + n).orElse("generated:" + generatedName(f.modelName(), f.relatedModel()));
  }

  private static Optional<RelationField> relationField(ModelDecl model, FieldDecl field, Map<String, ModelDecl> models) {
    if (field.type().isEmpty() || field.type().get().isUnsupported()) {
      return Optional.empty();
    }
    String typeName = field.type().get().name().name();
    if (!models.containsKey(typeName)) {
      return Optional.empty();
    }
    Optional<Attribute> rel = field.attribute("relation");
    Optional<String> name = rel.flatMap(RelationGraph::nameArgument).flatMap(RelationGraph::stringValue);
    // An empty list (`fields: []`) counts as not written, as in Prisma.
    Optional<List<Identifier>> fieldsArg =
        rel.flatMap(a -> a.named("fields")).map(RelationGraph::identifierList).filter(l -> !l.isEmpty());
    Optional<List<Identifier>> refsArg =
        rel.flatMap(a -> a.named("references")).map(RelationGraph::identifierList).filter(l -> !l.isEmpty());
    Optional<ReferentialAction> onDelete = rel.flatMap(a -> a.named("onDelete")).flatMap(RelationGraph::action);
    Optional<ReferentialAction> onUpdate = rel.flatMap(a -> a.named("onUpdate")).flatMap(RelationGraph::action);
    Optional<String> map = rel.flatMap(a -> a.named("map")).flatMap(RelationGraph::stringValue);
    return Optional.of(
        new RelationField(model, field, typeName, field.type().get().arity(), rel, name, fieldsArg, refsArg, onDelete, onUpdate, map));
  }

  /** The relation name argument: the first positional argument, or {@code name:}. */
  static Optional<Argument> nameArgument(Attribute relation) {
    return relation.positional(0).or(() -> relation.named("name"));
  }

  static Optional<String> stringValue(Argument a) {
    return a.value().filter(StringLiteral.class::isInstance).map(v -> ((StringLiteral) v).value());
  }

  private static Optional<ReferentialAction> action(Argument a) {
    return a.value()
        .filter(ConstantValue.class::isInstance)
        .flatMap(v -> ReferentialAction.fromPrismaName(((ConstantValue) v).name()));
  }

  /**
   * The field names of a {@code fields:}/{@code references:} argument. A single name without brackets
   * is accepted as a list of one, as Prisma does; other expressions yield no names.
   */
  static List<Identifier> identifierList(Argument a) {
    if (a.value().isEmpty()) {
      return List.of();
    }
    Expression v = a.value().get();
    List<Expression> elements = v instanceof ArrayExpression arr ? arr.elements() : List.of(v);
    List<Identifier> names = new ArrayList<>();
    for (Expression e : elements) {
      if (e instanceof ConstantValue c) {
        names.add(new Identifier(c.name(), c.span()));
      } else if (e instanceof FunctionCall call) {
        // `a(sort: Desc)` style entries name the field `a`.
        names.add(call.name());
      }
    }
    return names;
  }

  /** Pairs fields into relations in source order, the first unpaired candidate winning. */
  private static List<Relation> pair(List<RelationField> fields) {
    Map<RelationField, Boolean> used = new IdentityHashMap<>();
    List<Relation> relations = new ArrayList<>();
    for (RelationField f : fields) {
      if (used.containsKey(f)) {
        continue;
      }
      used.put(f, true);
      String name = effectiveName(f);
      String key = pairingKey(f);
      Optional<RelationField> opposite =
          fields.stream()
              .filter(g -> !used.containsKey(g))
              .filter(g -> g.modelName().equals(f.relatedModel()) && g.relatedModel().equals(f.modelName()))
              .filter(g -> pairingKey(g).equals(key))
              .findFirst();
      opposite.ifPresent(g -> used.put(g, true));
      boolean explicit = f.explicitName().isPresent() || opposite.flatMap(RelationField::explicitName).isPresent();
      relations.add(relation(name, explicit, f, opposite));
    }
    return relations;
  }

  private static Relation relation(String name, boolean explicit, RelationField f, Optional<RelationField> opposite) {
    if (opposite.isEmpty()) {
      return new Relation(name, explicit, Relation.Kind.ONE_TO_MANY, f, Optional.empty());
    }
    RelationField g = opposite.get();
    if (f.isList() && g.isList()) {
      boolean fIsA =
          f.modelName().equals(g.modelName())
              ? f.name().compareTo(g.name()) <= 0
              : f.modelName().compareTo(g.modelName()) < 0;
      return fIsA
          ? new Relation(name, explicit, Relation.Kind.MANY_TO_MANY, f, Optional.of(g))
          : new Relation(name, explicit, Relation.Kind.MANY_TO_MANY, g, Optional.of(f));
    }
    if (f.isList() || g.isList()) {
      RelationField single = f.isList() ? g : f;
      RelationField list = f.isList() ? f : g;
      return new Relation(name, explicit, Relation.Kind.ONE_TO_MANY, single, Optional.of(list));
    }
    boolean gForward = g.definesForeignKey() && !f.definesForeignKey();
    return gForward
        ? new Relation(name, explicit, Relation.Kind.ONE_TO_ONE, g, Optional.of(f))
        : new Relation(name, explicit, Relation.Kind.ONE_TO_ONE, f, Optional.of(g));
  }
}
