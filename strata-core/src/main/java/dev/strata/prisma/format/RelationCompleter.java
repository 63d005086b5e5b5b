package dev.strata.prisma.format;

import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.BlockAttribute;
import dev.strata.prisma.ast.ConfigBlock;
import dev.strata.prisma.ast.ConstantValue;
import dev.strata.prisma.ast.Declaration;
import dev.strata.prisma.ast.EnumDecl;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.FieldType;
import dev.strata.prisma.ast.FunctionCall;
import dev.strata.prisma.ast.InvalidLine;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.ast.NumericLiteral;
import dev.strata.prisma.ast.PrismaFile;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.ast.StringLiteral;
import dev.strata.prisma.ast.TypeAliasDecl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the relation pieces that {@code prisma format} adds to a schema: the missing side of a
 * relation, the scalar fields that hold the foreign key, and a missing {@code @relation(fields: …,
 * references: …)}. Like Prisma, it only does so when the schema resolves cleanly (no syntax errors,
 * no unknown types or fields); otherwise the formatter only lays the text out.
 *
 * <p>Relations are paired and oriented with Prisma's rules: the side that carries (or should carry)
 * the foreign key is the "referencing" model, the other side holds the back-relation field.
 */
final class RelationCompleter {

  private static final Set<String> SCALAR_TYPES =
      Set.of("String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes");
  private static final Set<String> FIELD_ATTRIBUTES =
      Set.of("id", "unique", "default", "updatedAt", "map", "relation", "ignore", "shardKey");
  private static final Set<String> INDEX_ATTRIBUTES = Set.of("id", "unique", "index", "fulltext", "shardKey");
  private static final Set<String> BLOCK_ATTRIBUTES =
      Set.of("id", "unique", "index", "fulltext", "map", "ignore", "schema", "shardKey");

  /** A field whose type is a model, with what its {@code @relation} says. */
  private record RelationField(
      ModelDecl model,
      FieldDecl field,
      ModelDecl target,
      Optional<String> name,
      Optional<List<String>> fields,
      Optional<List<String>> references,
      Optional<Attribute> relationAttribute) {

    FieldType.Arity arity() {
      return field.type().map(FieldType::arity).orElse(FieldType.Arity.REQUIRED);
    }
  }

  /** A 1:1 or 1:n relation: model A holds (or should hold) the foreign key, model B is referenced. */
  private record InlineRelation(
      ModelDecl referencing,
      ModelDecl referenced,
      Optional<RelationField> forward,
      Optional<RelationField> back,
      boolean oneToOne) {}

  /** A scalar field that the relation needs on the referencing side. */
  private record InferredField(String name, FieldType.Arity arity, String type, FieldDecl blueprint) {}

  private final PrismaSchema schema;
  private final Map<String, ModelDecl> models = new LinkedHashMap<>();
  private final Set<String> otherTypes = new HashSet<>();
  private final Set<String> compositeTypes = new HashSet<>();
  private final Map<String, Set<String>> enums = new HashMap<>();
  private final Optional<String> datasourceName;
  private final Additions additions = new Additions();

  private RelationCompleter(PrismaSchema schema) {
    this.schema = schema;
    this.datasourceName = schema.datasource().map(d -> d.name().name());
  }

  static Additions complete(PrismaSchema schema) {
    RelationCompleter completer = new RelationCompleter(schema);
    if (!completer.resolvesCleanly()) {
      return Additions.NONE;
    }
    List<InlineRelation> relations = completer.inlineRelations();
    relations.forEach(completer::addMissingFields);
    relations.forEach(completer::addMissingRelationAttribute);
    relations.forEach(completer::addMissingRelationArguments);
    return completer.additions;
  }

  // ---------------------------------------------------------------------------------------------
  // Preconditions: the parts of Prisma's parser database checks that stop the completion.

  private boolean resolvesCleanly() {
    Set<String> topNames = new HashSet<>();
    for (PrismaFile file : schema.files()) {
      for (var item : file.items()) {
        if (item instanceof InvalidLine || item instanceof TypeAliasDecl) {
          return false;
        }
      }
      for (Declaration declaration : file.declarations()) {
        if (declaration.members().stream().anyMatch(InvalidLine.class::isInstance) || !isClosed(declaration)) {
          return false;
        }
        if (!(declaration instanceof ConfigBlock) && !topNames.add(declaration.name().name())) {
          return false;
        }
        if (declaration instanceof ModelDecl model) {
          if (model.kind() == ModelDecl.Kind.TYPE) {
            otherTypes.add(model.name().name());
            compositeTypes.add(model.name().name());
          } else {
            models.put(model.name().name(), model);
          }
        } else if (declaration instanceof EnumDecl enumDecl) {
          otherTypes.add(enumDecl.name().name());
          Set<String> values = new HashSet<>();
          enumDecl.values().forEach(v -> values.add(v.name().name()));
          enums.put(enumDecl.name().name(), values);
        }
      }
    }
    for (ModelDecl model : schema.models()) {
      Set<String> fieldNames = new HashSet<>();
      for (FieldDecl field : model.fields()) {
        if (!fieldNames.add(field.name().name()) || !fieldResolves(field)) {
          return false;
        }
      }
      for (BlockAttribute attribute : model.blockAttributes()) {
        if (!BLOCK_ATTRIBUTES.contains(attribute.name())) {
          return false;
        }
      }
    }
    for (ModelDecl model : models.values()) {
      for (FieldDecl field : model.fields()) {
        Optional<RelationField> relation = relationField(model, field);
        if (relation.isPresent() && !relationFieldResolves(relation.get())) {
          return false;
        }
      }
      for (BlockAttribute attribute : model.blockAttributes()) {
        if (INDEX_ATTRIBUTES.contains(attribute.name()) && !indexFieldsResolve(model, attribute.attribute())) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isClosed(Declaration declaration) {
    String text = declaration.span().file().text();
    int end = Math.min(declaration.span().end(), text.length());
    return end > 0 && text.charAt(end - 1) == '}';
  }

  private boolean fieldResolves(FieldDecl field) {
    if (field.type().isEmpty() || field.type().get().arity() == FieldType.Arity.OPTIONAL_LIST) {
      return false;
    }
    FieldType type = field.type().get();
    String name = type.name().name();
    boolean known =
        type.isUnsupported() || SCALAR_TYPES.contains(name) || models.containsKey(name) || otherTypes.contains(name);
    if (!known) {
      return false;
    }
    if (field.attribute("updatedAt").isPresent() && !name.equals("DateTime") && !models.containsKey(name)) {
      return false;
    }
    Optional<Attribute> defaultValue = field.attribute("default");
    if (defaultValue.isPresent() && !models.containsKey(name) && !defaultResolves(type, defaultValue.get())) {
      return false;
    }
    for (Attribute attribute : field.attributes()) {
      String attributeName = attribute.name().name();
      boolean nativeType =
          attributeName.contains(".")
              && datasourceName.map(ds -> attributeName.startsWith(ds + ".")).orElse(false);
      if (!FIELD_ATTRIBUTES.contains(attributeName) && !nativeType) {
        return false;
      }
    }
    return true;
  }

  /** Whether Prisma accepts the {@code @default} value for the field's type (checked while resolving the schema). */
  private boolean defaultResolves(FieldType type, Attribute attribute) {
    Optional<Expression> value = attribute.positional(0).or(() -> attribute.named("value")).flatMap(Argument::value);
    if (value.isEmpty()) {
      return false;
    }
    if (value.get() instanceof FunctionCall call && call.name().name().equals("dbgenerated")) {
      List<Argument> args = call.arguments().arguments();
      return args.isEmpty()
          || (args.size() == 1
              && args.get(0).value().filter(StringLiteral.class::isInstance).map(v -> !((StringLiteral) v).value().isEmpty()).orElse(false));
    }
    String name = type.name().name();
    if (type.isUnsupported() || compositeTypes.contains(name)) {
      return false;
    }
    Set<String> enumValues = enums.get(name);
    if (enumValues != null) {
      if (type.arity() == FieldType.Arity.LIST) {
        return value.get() instanceof ArrayExpression array
            && array.elements().stream().allMatch(e -> e instanceof ConstantValue c && enumValues.contains(c.name()));
      }
      return value.get() instanceof ConstantValue c && enumValues.contains(c.name());
    }
    if (otherTypes.contains(name)) {
      return true;
    }
    if (value.get() instanceof FunctionCall call) {
      String function = call.name().name();
      return switch (function) {
        case "autoincrement", "sequence" -> name.equals("Int") || name.equals("BigInt");
        case "cuid", "uuid", "nanoid", "ulid" -> name.equals("String");
        case "now" -> name.equals("DateTime");
        default -> true; // auto() and unknown functions are accepted at this stage
      };
    }
    if (type.arity() == FieldType.Arity.LIST) {
      return value.get() instanceof ArrayExpression array
          ? array.elements().stream().allMatch(e -> literalFits(name, e))
          : literalFits(name, value.get());
    }
    return !(value.get() instanceof ArrayExpression) && literalFits(name, value.get());
  }

  private static boolean literalFits(String scalar, Expression value) {
    return switch (scalar) {
      case "String", "Json", "Bytes", "DateTime" -> value instanceof StringLiteral;
      case "Int", "BigInt", "Float" -> value instanceof NumericLiteral;
      case "Decimal" -> value instanceof NumericLiteral || value instanceof StringLiteral;
      case "Boolean" -> value instanceof ConstantValue c && (c.name().equals("true") || c.name().equals("false"));
      default -> true;
    };
  }

  /** Relation fields take only {@code @relation} and {@code @ignore}; anything else is an error in Prisma. */
  private boolean relationFieldResolves(RelationField relation) {
    boolean attributesOk =
        relation.field().attributes().stream()
            .allMatch(a -> a.name().name().equals("relation") || a.name().name().equals("ignore"));
    return attributesOk && argumentsResolve(relation);
  }

  /** Index-like block attributes must list existing scalar fields (composite paths are not checked). */
  private boolean indexFieldsResolve(ModelDecl model, Attribute attribute) {
    return blockFields(attribute)
        .map(names -> names.stream().allMatch(n -> n.contains(".") || isScalarField(model, n)))
        .orElse(true);
  }

  private boolean argumentsResolve(RelationField relation) {
    boolean fieldsOk =
        relation.fields().map(names -> names.stream().allMatch(n -> isScalarField(relation.model(), n))).orElse(true);
    boolean referencesOk =
        relation.references().map(names -> names.stream().allMatch(n -> isScalarField(relation.target(), n))).orElse(true);
    return fieldsOk && referencesOk;
  }

  // ---------------------------------------------------------------------------------------------
  // Relation inference

  private Optional<RelationField> relationField(ModelDecl model, FieldDecl field) {
    if (field.type().isEmpty() || field.type().get().isUnsupported()) {
      return Optional.empty();
    }
    ModelDecl target = models.get(field.type().get().name().name());
    if (target == null || !models.containsKey(model.name().name())) {
      return Optional.empty();
    }
    Optional<Attribute> relation = field.attribute("relation");
    Optional<String> name =
        relation.flatMap(
            a ->
                a.positional(0)
                    .or(() -> a.named("name"))
                    .flatMap(Argument::value)
                    .filter(StringLiteral.class::isInstance)
                    .map(v -> ((StringLiteral) v).value()));
    Optional<List<String>> fields = relation.flatMap(a -> a.named("fields")).flatMap(RelationCompleter::names);
    Optional<List<String>> references =
        relation.flatMap(a -> a.named("references")).flatMap(RelationCompleter::names);
    return Optional.of(new RelationField(model, field, target, name, fields, references, relation));
  }

  private List<RelationField> relationFields(ModelDecl model) {
    List<RelationField> result = new ArrayList<>();
    for (FieldDecl field : model.fields()) {
      relationField(model, field).ifPresent(result::add);
    }
    return result;
  }

  private List<InlineRelation> inlineRelations() {
    List<InlineRelation> relations = new ArrayList<>();
    for (ModelDecl model : models.values()) {
      for (RelationField field : relationFields(model)) {
        ingest(field).ifPresent(relations::add);
      }
    }
    return relations;
  }

  /** Pairs a relation field with its opposite and decides, once per relation, which side is which. */
  private Optional<InlineRelation> ingest(RelationField field) {
    boolean selfRelation = field.model() == field.target();
    Optional<RelationField> opposite =
        relationFields(field.target()).stream()
            .filter(o -> o.target() == field.model())
            .filter(o -> !selfRelation || o.field() != field.field())
            .filter(o -> o.name().equals(field.name()))
            .findFirst();
    FieldType.Arity arity = field.arity();
    if (opposite.isPresent()) {
      RelationField other = opposite.get();
      FieldType.Arity otherArity = other.arity();
      boolean list = arity == FieldType.Arity.LIST;
      boolean otherList = otherArity == FieldType.Arity.LIST;
      if (list && otherList) {
        return Optional.empty(); // many-to-many: nothing to complete
      }
      if (arity == FieldType.Arity.REQUIRED && otherArity == FieldType.Arity.OPTIONAL) {
        return Optional.of(new InlineRelation(field.model(), field.target(), Optional.of(field), opposite, true));
      }
      if (arity == FieldType.Arity.REQUIRED && otherArity == FieldType.Arity.REQUIRED) {
        if (comesAfter(field, other)) {
          return Optional.empty();
        }
        return Optional.of(new InlineRelation(field.model(), field.target(), Optional.of(field), opposite, true));
      }
      if (arity == FieldType.Arity.OPTIONAL && otherArity == FieldType.Arity.REQUIRED) {
        return Optional.empty();
      }
      if (arity == FieldType.Arity.OPTIONAL && otherArity == FieldType.Arity.OPTIONAL) {
        if (field.fields().isPresent()) {
          return Optional.of(new InlineRelation(field.model(), field.target(), Optional.of(field), opposite, true));
        }
        if (other.fields().isEmpty() && !comesAfter(field, other)) {
          return Optional.of(new InlineRelation(field.model(), field.target(), Optional.of(field), opposite, true));
        }
        return Optional.empty();
      }
      if (list) {
        return Optional.empty(); // the virtual side of a 1:n defined on both sides
      }
      return Optional.of(new InlineRelation(field.model(), field.target(), Optional.of(field), opposite, false));
    }
    if (arity == FieldType.Arity.LIST) {
      // Only the back side is written: the referencing model is the one the list points to.
      return Optional.of(new InlineRelation(field.target(), field.model(), Optional.empty(), Optional.of(field), false));
    }
    boolean unique = field.fields().map(fields -> uniqueIndexes(field.model()).contains(fields)).orElse(false);
    return Optional.of(new InlineRelation(field.model(), field.target(), Optional.of(field), Optional.empty(), unique));
  }

  /** Prisma's tie-break between two sides: compare (model name, field name) lexicographically. */
  private static boolean comesAfter(RelationField a, RelationField b) {
    int byModel = a.model().name().name().compareTo(b.model().name().name());
    if (byModel != 0) {
      return byModel > 0;
    }
    return a.field().name().name().compareTo(b.field().name().name()) > 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Unique criteria

  /** The primary key first, then unique constraints in the order they are declared. */
  private List<List<String>> uniqueCriteria(ModelDecl model) {
    List<List<String>> criteria = new ArrayList<>();
    for (FieldDecl field : model.fields()) {
      if (field.attribute("id").isPresent()) {
        criteria.add(List.of(field.name().name()));
      }
    }
    for (BlockAttribute attribute : model.blockAttributes()) {
      if (attribute.name().equals("id")) {
        blockFields(attribute.attribute()).ifPresent(criteria::add);
      }
    }
    criteria.addAll(uniqueIndexes(model));
    return criteria;
  }

  private List<List<String>> uniqueIndexes(ModelDecl model) {
    List<List<String>> unique = new ArrayList<>();
    for (FieldDecl field : model.fields()) {
      if (field.attribute("unique").isPresent()) {
        unique.add(List.of(field.name().name()));
      }
    }
    for (BlockAttribute attribute : model.blockAttributes()) {
      if (attribute.name().equals("unique")) {
        blockFields(attribute.attribute()).ifPresent(unique::add);
      }
    }
    return unique;
  }

  private static Optional<List<String>> blockFields(Attribute attribute) {
    return attribute.positional(0).or(() -> attribute.named("fields")).flatMap(RelationCompleter::names);
  }

  private static Optional<List<String>> names(Argument argument) {
    Optional<Expression> value = argument.value();
    if (value.isEmpty() || !(value.get() instanceof ArrayExpression array)) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    for (Expression element : array.elements()) {
      if (element instanceof ConstantValue constant) {
        names.add(constant.name());
      } else if (element instanceof FunctionCall call) {
        names.add(call.name().name());
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(names);
  }

  private boolean isScalarField(ModelDecl model, String name) {
    return model.field(name).map(f -> relationField(model, f).isEmpty()).orElse(false);
  }

  private boolean isStrict(ModelDecl model, List<String> criterion) {
    return criterion.stream()
        .allMatch(n -> model.field(n).flatMap(FieldDecl::type).map(t -> t.arity() == FieldType.Arity.REQUIRED).orElse(false));
  }

  // ---------------------------------------------------------------------------------------------
  // What is missing

  private List<InferredField> inferReferencingFields(InlineRelation relation) {
    List<List<String>> criteria = uniqueCriteria(relation.referenced());
    if (criteria.isEmpty()) {
      return List.of();
    }
    List<InferredField> inferred = new ArrayList<>();
    String prefix = lowerFirst(relation.referenced().name().name());
    for (String referencedName : criteria.get(0)) {
      Optional<FieldDecl> blueprint = relation.referenced().field(referencedName);
      if (blueprint.isEmpty() || blueprint.get().type().isEmpty()) {
        continue;
      }
      String name = prefix + upperFirst(referencedName);
      Optional<FieldDecl> existing =
          relation.referencing().field(name).filter(f -> isScalarField(relation.referencing(), name));
      if (existing.isPresent() && existing.get().type().isPresent()) {
        FieldType type = existing.get().type().get();
        inferred.add(new InferredField(name, type.arity(), type.name().name(), blueprint.get()));
      } else {
        FieldType.Arity arity = relation.forward().map(RelationField::arity).orElse(FieldType.Arity.OPTIONAL);
        inferred.add(new InferredField(name, arity, blueprint.get().type().get().name().name(), blueprint.get()));
      }
    }
    return inferred;
  }

  private FieldType.Arity forwardArity(InlineRelation relation) {
    if (relation.forward().isPresent()) {
      return relation.forward().get().arity();
    }
    boolean anyOptional =
        inferReferencingFields(relation).stream().anyMatch(f -> f.arity() == FieldType.Arity.OPTIONAL);
    return anyOptional ? FieldType.Arity.OPTIONAL : FieldType.Arity.REQUIRED;
  }

  private String fieldsArgument(InlineRelation relation) {
    return "fields: [" + String.join(", ", inferReferencingFields(relation).stream().map(InferredField::name).toList()) + "]";
  }

  private String referencesArgument(InlineRelation relation) {
    List<String> referenced =
        relation.forward().flatMap(RelationField::references)
            .orElseGet(
                () ->
                    uniqueCriteria(relation.referenced()).stream()
                        .filter(c -> isStrict(relation.referenced(), c))
                        .findFirst()
                        .map(c -> c.stream().filter(n -> isScalarField(relation.referenced(), n)).toList())
                        .orElse(List.of()));
    return "references: [" + String.join(", ", referenced) + "]";
  }

  private void addMissingFields(InlineRelation relation) {
    String referencingName = relation.referencing().name().name();
    String referencedName = relation.referenced().name().name();
    if (relation.back().isEmpty()) {
      String arity = relation.oneToOne() ? "?" : "[]";
      String name = relation.oneToOne() ? Inflector.camelCase(referencingName) : Inflector.plural(Inflector.camelCase(referencingName));
      List<String> attributes = isIgnored(relation.referencing()) ? List.of("@ignore") : List.of();
      additions.addField(relation.referenced(), new Additions.AddedField(name, referencingName + arity, attributes));
    }
    if (relation.forward().isEmpty()) {
      String arity = forwardArity(relation).suffix();
      String name = arity.equals("[]") ? Inflector.plural(Inflector.camelCase(referencedName)) : Inflector.camelCase(referencedName);
      String attribute = "@relation(" + fieldsArgument(relation) + ", " + referencesArgument(relation) + ")";
      additions.addField(relation.referencing(), new Additions.AddedField(name, referencedName + arity, List.of(attribute)));
    }
    if (relation.forward().flatMap(RelationField::fields).isEmpty()) {
      for (InferredField field : inferReferencingFields(relation)) {
        if (isScalarField(relation.referencing(), field.name())) {
          continue;
        }
        if (!SCALAR_TYPES.contains(field.type())) {
          return; // Prisma stops here: only built-in scalar types are copied.
        }
        List<String> attributes = nativeType(field.blueprint()).map(AstPrinter::fieldAttribute).stream().toList();
        additions.addField(
            relation.referencing(),
            new Additions.AddedField(field.name(), field.type() + field.arity().suffix(), attributes));
      }
    }
  }

  private void addMissingRelationAttribute(InlineRelation relation) {
    relation.forward()
        .filter(f -> f.relationAttribute().isEmpty())
        .ifPresent(
            f ->
                additions.addRelationAttribute(
                    f.field(), "@relation(" + fieldsArgument(relation) + ", " + referencesArgument(relation) + ")"));
  }

  private void addMissingRelationArguments(InlineRelation relation) {
    relation.forward()
        .filter(f -> f.relationAttribute().isPresent())
        .ifPresent(
            f -> {
              List<String> extra = new ArrayList<>();
              if (f.fields().isEmpty()) {
                extra.add(fieldsArgument(relation));
              }
              if (f.references().isEmpty()) {
                extra.add(referencesArgument(relation));
              }
              if (!extra.isEmpty()) {
                additions.addRelationArguments(f.field(), extra);
              }
            });
  }

  private Optional<Attribute> nativeType(FieldDecl field) {
    return datasourceName.flatMap(
        ds -> field.attributes().stream().filter(a -> a.name().name().startsWith(ds + ".")).findFirst());
  }

  private static boolean isIgnored(ModelDecl model) {
    return model.blockAttributes().stream().anyMatch(a -> a.name().equals("ignore"));
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + s.substring(1);
  }

  private static String upperFirst(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + s.substring(1);
  }
}
