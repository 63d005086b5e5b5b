package dev.strata.prisma.validate;

import dev.strata.diag.Diagnostics;
import dev.strata.diag.Span;
import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.BlockAttribute;
import dev.strata.prisma.ast.ConfigBlock;
import dev.strata.prisma.ast.ConstantValue;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.FieldType;
import dev.strata.prisma.ast.FunctionCall;
import dev.strata.prisma.ast.Identifier;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.ast.NumericLiteral;
import dev.strata.prisma.ast.ObjectExpression;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.ast.StringLiteral;
import dev.strata.prisma.validate.Relation.ReferentialAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates the relations of a parsed schema against Prisma's rules for PostgreSQL, reporting
 * problems with Prisma's own wording and codes {@code PS400}–{@code PS499} ({@link RelationCodes}).
 *
 * <p>Prisma checks relations in two stages, and stops after the first if it found any error: the
 * attribute stage (arguments of {@code @relation}, field names in {@code fields}/{@code references},
 * attributes that relation fields cannot carry) and the relation stage (pairing, ambiguity, arity,
 * uniqueness, referential actions, m-n rules). {@link #validate} runs both and, like Prisma, skips
 * the second when the diagnostics already hold an error, so that a caller who runs its own
 * attribute-level checks first gets the same errors as Prisma. The stages are also public.
 */
public final class RelationValidator {
  private static final Set<String> RELATION_ARGUMENTS = Set.of("name", "fields", "references", "onDelete", "onUpdate", "map");
  private static final Set<String> SCALAR_TYPES =
      Set.of("String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes");

  private RelationValidator() {}

  /** Validates every relation of a parsed schema; never throws; adds problems to {@code diagnostics}. */
  public static void validate(PrismaSchema schema, Diagnostics diagnostics) {
    try {
      RelationGraph graph = RelationGraph.of(schema);
      validateAttributes(schema, graph, diagnostics);
      if (!diagnostics.hasErrors()) {
        validateRelations(schema, graph, diagnostics);
      }
    } catch (RuntimeException e) {
      // Never throw on user input: a bug here must not hide the other diagnostics.
    }
  }

  /** The attribute stage (Prisma's parser database): {@code @relation} arguments and field attributes. */
  public static void validateAttributes(PrismaSchema schema, RelationGraph graph, Diagnostics diagnostics) {
    Map<String, ModelDecl> models = RelationGraph.modelsByName(schema);
    // Enums and composite types: a field of such a type is not a relation field.
    Set<String> knownTypes = schema.enums().stream().map(e -> e.name().name()).collect(Collectors.toSet());
    schema.models().stream().filter(m -> m.kind() == ModelDecl.Kind.TYPE).forEach(m -> knownTypes.add(m.name().name()));
    for (ModelDecl model : models.values()) {
      for (FieldDecl field : model.fields()) {
        Optional<RelationField> rf = graph.field(model.name().name(), field.name().name());
        if (rf.isEmpty()) {
          checkRelationOnScalar(field, knownTypes, diagnostics);
          continue;
        }
        new AttributeStage(rf.get(), models, diagnostics).run();
      }
    }
  }

  /** The relation stage (Prisma's validation pipeline): pairing, uniqueness, arity, actions, m-n. */
  public static void validateRelations(PrismaSchema schema, RelationGraph graph, Diagnostics diagnostics) {
    new RelationStage(schema, graph, diagnostics).run();
  }

  private static void checkRelationOnScalar(FieldDecl field, Set<String> knownTypes, Diagnostics diagnostics) {
    Optional<Attribute> rel = field.attribute("relation");
    if (rel.isEmpty() || field.type().isEmpty()) {
      return;
    }
    FieldType type = field.type().get();
    if (type.isUnsupported() || SCALAR_TYPES.contains(type.name().name()) || knownTypes.contains(type.name().name())) {
      diagnostics.error(
          RelationCodes.RELATION_ON_SCALAR_FIELD,
          "Error parsing attribute \"@relation\": Invalid field type, not a relation.",
          rel.get().span());
      // Prisma then reports every argument of the rejected attribute as unused.
      for (Argument arg : rel.get().args()) {
        diagnostics.error(RelationCodes.INVALID_RELATION_ARGUMENT, "No such argument.", arg.span());
      }
    }
  }

  /** Checks of one relation field that Prisma makes while resolving attributes. */
  private record AttributeStage(RelationField rf, Map<String, ModelDecl> models, Diagnostics diagnostics) {

    void run() {
      FieldDecl field = rf.field();
      rf.relationAttribute().ifPresent(this::checkArguments);
      field.attribute("map").ifPresent(a -> error(RelationCodes.MAP_ON_RELATION_FIELD,
          "Error parsing attribute \"@map\": The attribute `@map` cannot be used on relation fields.", a.span()));
      field.attribute("default").ifPresent(a -> error(RelationCodes.DEFAULT_ON_RELATION_FIELD,
          "Error parsing attribute \"@default\": Cannot set a default value on a relation field.", a.span()));
      field.attribute("unique").ifPresent(a -> error(RelationCodes.UNIQUE_ON_RELATION_FIELD,
          "Error parsing attribute \"@unique\": The field `" + rf.name() + "` is a relation field and cannot be marked with `unique`."
              + " Only scalar fields can be made unique." + suggestion(), a.span()));
      field.attribute("id").ifPresent(a -> error(RelationCodes.ID_ON_RELATION_FIELD,
          "Error parsing attribute \"@id\": The field `" + rf.name() + "` is a relation field and cannot be marked with `@id`."
              + " Only scalar fields can be declared as id.", a.span()));
      checkFieldLists();
    }

    private String suggestion() {
      List<String> fk = rf.fieldNames();
      if (fk.size() == 1) {
        return " Did you mean to put it on `" + fk.get(0) + "`?";
      }
      if (fk.size() > 1) {
        return " Did you mean to provide `@@unique([" + String.join(", ", fk) + "])`?";
      }
      return "";
    }

    private void checkArguments(Attribute rel) {
      boolean positionalSeen = false;
      for (Argument arg : rel.args()) {
        if (arg.name().isEmpty()) {
          if (positionalSeen) {
            error(RelationCodes.INVALID_RELATION_ARGUMENT, "No such argument.", arg.span());
            continue;
          }
          positionalSeen = true;
          expectString(arg);
          continue;
        }
        String argName = arg.name().get().name();
        if (!RELATION_ARGUMENTS.contains(argName)) {
          error(RelationCodes.INVALID_RELATION_ARGUMENT, "No such argument.", arg.span());
          continue;
        }
        switch (argName) {
          case "name", "map" -> expectString(arg);
          case "onDelete", "onUpdate" -> checkAction(arg);
          default -> { }
        }
      }
    }

    private void expectString(Argument arg) {
      Optional<Expression> value = arg.value();
      if (value.isPresent() && !(value.get() instanceof StringLiteral)) {
        error(RelationCodes.INVALID_RELATION_ARGUMENT,
            "Expected a string value, but received " + describe(value.get()) + " value `" + value.get().render() + "`.",
            value.get().span());
      }
    }

    private void checkAction(Argument arg) {
      Optional<Expression> value = arg.value();
      if (value.isEmpty()) {
        return;
      }
      if (!(value.get() instanceof ConstantValue c)) {
        error(RelationCodes.INVALID_RELATION_ARGUMENT,
            "Expected a constant value, but received " + describe(value.get()) + " value `" + value.get().render() + "`.",
            value.get().span());
        return;
      }
      String written = c.name();
      if (ReferentialAction.fromPrismaName(written).isEmpty()) {
        error(RelationCodes.INVALID_REFERENTIAL_ACTION,
            "Error parsing attribute \"@relation\": Invalid referential action: `" + written + "`", rf.field().span());
      }
    }

    private void checkFieldLists() {
      Span span = rf.relationAttribute().map(Attribute::span).orElse(rf.field().span());
      rf.fields().ifPresent(names -> {
        List<String> missing = new ArrayList<>();
        List<String> relational = new ArrayList<>();
        classify(rf.model(), names, missing, relational);
        if (!missing.isEmpty()) {
          error(RelationCodes.UNKNOWN_FIELDS,
              "Error validating: The argument fields must refer only to existing fields. The following fields do not exist in this model: "
                  + String.join(", ", missing), span);
        }
        if (!relational.isEmpty()) {
          error(RelationCodes.NON_SCALAR_FIELDS,
              "Error validating: The argument fields must refer only to scalar fields. But it is referencing the following relation fields: "
                  + String.join(", ", relational), span);
        }
      });
      ModelDecl related = models.get(rf.relatedModel());
      rf.references().ifPresent(names -> {
        List<String> missing = new ArrayList<>();
        List<String> relational = new ArrayList<>();
        classify(related, names, missing, relational);
        if (!missing.isEmpty()) {
          error(RelationCodes.UNKNOWN_REFERENCES,
              "Error validating: The argument `references` must refer only to existing fields in the related model `" + rf.relatedModel()
                  + "`. The following fields do not exist in the related model: " + String.join(", ", missing), span);
        }
        if (!relational.isEmpty()) {
          error(RelationCodes.NON_SCALAR_FIELDS,
              "Error validating: The argument `references` must refer only to scalar fields in the related model `" + rf.relatedModel()
                  + "`. But it is referencing the following relation fields: " + String.join(", ", relational), span);
        }
      });
    }

    private void classify(ModelDecl model, List<Identifier> names, List<String> missing, List<String> relational) {
      for (Identifier id : names) {
        Optional<FieldDecl> target = model == null ? Optional.empty() : model.field(id.name());
        if (target.isEmpty()) {
          missing.add(id.name());
        } else if (target.get().type().map(t -> !t.isUnsupported() && models.containsKey(t.name().name())).orElse(false)) {
          relational.add(id.name());
        }
      }
    }

    private void error(String code, String message, Span span) {
      diagnostics.error(code, message, span);
    }
  }

  static String describe(Expression e) {
    if (e instanceof NumericLiteral) {
      return "numeric";
    }
    if (e instanceof ConstantValue) {
      return "constant";
    }
    if (e instanceof ArrayExpression) {
      return "array";
    }
    if (e instanceof FunctionCall) {
      return "function";
    }
    if (e instanceof ObjectExpression) {
      return "object";
    }
    return "string";
  }

  /** The unique criteria of a model: {@code @id}, {@code @@id}, {@code @unique}, {@code @@unique} field lists. */
  static List<List<String>> uniqueCriteria(ModelDecl model) {
    List<List<String>> criteria = new ArrayList<>();
    for (FieldDecl f : model.fields()) {
      if (f.attribute("id").isPresent() || f.attribute("unique").isPresent()) {
        criteria.add(List.of(f.name().name()));
      }
    }
    for (BlockAttribute b : model.blockAttributes()) {
      if (b.name().equals("id") || b.name().equals("unique")) {
        criteria.add(blockFields(b.attribute()));
      }
    }
    return criteria;
  }

  /** The field lists of every index-like definition: unique criteria and {@code @@index}. */
  static List<List<String>> indexes(ModelDecl model) {
    List<List<String>> all = new ArrayList<>(uniqueCriteria(model));
    for (BlockAttribute b : model.blockAttributes()) {
      if (b.name().equals("index")) {
        all.add(blockFields(b.attribute()));
      }
    }
    return all;
  }

  /** The single-field primary key of a model ({@code @id} or {@code @@id([x])}), if it has one. */
  static boolean hasSingleFieldId(ModelDecl model) {
    for (FieldDecl f : model.fields()) {
      if (f.attribute("id").isPresent()) {
        return true;
      }
    }
    return model.blockAttributes().stream().anyMatch(b -> b.name().equals("id") && blockFields(b.attribute()).size() == 1);
  }

  static List<String> blockFields(Attribute a) {
    Optional<Argument> arg = a.positional(0).or(() -> a.named("fields"));
    return arg.map(RelationGraph::identifierList).orElse(List.of()).stream().map(Identifier::name).toList();
  }

  /** Checks of resolved relations, in the order Prisma's validation pipeline makes them. */
  private static final class RelationStage {
    private final PrismaSchema schema;
    private final RelationGraph graph;
    private final Diagnostics diagnostics;
    private final Map<String, ModelDecl> models;
    private final boolean prismaMode;
    private final boolean foreignKeysOnPostgres;

    RelationStage(PrismaSchema schema, RelationGraph graph, Diagnostics diagnostics) {
      this.schema = schema;
      this.graph = graph;
      this.diagnostics = diagnostics;
      this.models = RelationGraph.modelsByName(schema);
      Optional<ConfigBlock> ds = schema.datasource();
      String mode = ds.flatMap(d -> d.property("relationMode").or(() -> d.property("referentialIntegrity")))
          .flatMap(p -> p.value())
          .filter(StringLiteral.class::isInstance)
          .map(v -> ((StringLiteral) v).value())
          .orElse("foreignKeys");
      this.prismaMode = mode.equals("prisma");
      this.foreignKeysOnPostgres = ds.isPresent() && !prismaMode;
    }

    void run() {
      // Prisma walks models, then views, checking each relation field in turn, and stops everything
      // at the first ambiguous relation (so checks of earlier fields keep their findings).
      List<RelationField> ordered = new ArrayList<>(graph.fields().stream().filter(f -> f.model().kind() != ModelDecl.Kind.VIEW).toList());
      ordered.addAll(graph.fields().stream().filter(f -> f.model().kind() == ModelDecl.Kind.VIEW).toList());
      for (RelationField rf : ordered) {
        if (ambiguity(rf)) {
          return;
        }
        ignoredRelatedModel(rf);
        actionsAllowed(rf);
        missingIndex(rf);
        requiredOverOptionalScalars(rf);
      }
      for (Relation r : graph.relations()) {
        if (r.back().isEmpty()) {
          missingOpposite(r.forward());
          if (!r.forward().isList()) {
            fieldsSide(r, false);
          }
          continue;
        }
        switch (r.kind()) {
          case MANY_TO_MANY -> manyToMany(r);
          case ONE_TO_MANY -> oneToMany(r);
          case ONE_TO_ONE -> oneToOne(r);
        }
      }
    }

    /** Reports {@code rf} if other fields of its model share its relation; true when reported. */
    private boolean ambiguity(RelationField rf) {
      String key = RelationGraph.pairingKey(rf);
      List<RelationField> group = graph.fields().stream()
          .filter(g -> g.model() == rf.model() && g.relatedModel().equals(rf.relatedModel()))
          .filter(g -> RelationGraph.pairingKey(g).equals(key))
          .toList();
      if (group.size() < 2) {
        return false;
      }
      boolean self = rf.modelName().equals(rf.relatedModel());
      boolean explicit = rf.explicitName().isPresent();
      String names = fieldList(group);
      String model = rf.modelName();
      String message;
      if (self && explicit && group.size() == 2) {
        return false;
      } else if (self && !explicit && group.size() == 2) {
        message = "Ambiguous self relation detected. The fields " + names + " in model `" + model + "` both refer to `" + model
            + "`. If they are part of the same relation add the same relation name for them with `@relation(<name>)`.";
      } else if (self && !explicit) {
        message = "Unnamed self relation detected. The fields " + names + " in model `" + model
            + "` have no relation name. Please provide a relation name for one of them by adding `@relation(<name>).";
      } else if (self) {
        message = "Wrongly named self relation detected. The fields " + names + " in model `" + model
            + "` have the same relation name. At most two relation fields can belong to the same relation and therefore have the same name."
            + " Please assign a different relation name to one of them.";
      } else if (!explicit) {
        message = "Ambiguous relation detected. The fields " + names + " in model `" + model + "` both refer to `" + rf.relatedModel()
            + "`. Please provide different relation names for them by adding `@relation(<name>).";
      } else {
        message = "Wrongly named relation detected. The fields " + names + " in model `" + model
            + "` both use the same relation name. Please provide different relation names for them through `@relation(<name>).";
      }
      String code = explicit ? RelationCodes.WRONGLY_NAMED_RELATION : RelationCodes.AMBIGUOUS_RELATION;
      diagnostics.error(code, "Error validating " + rf.model().keyword() + " \"" + model + "\": " + message, rf.field().span());
      return true;
    }

    private static String fieldList(List<RelationField> group) {
      List<String> quoted = group.stream().map(f -> "`" + f.name() + "`").toList();
      if (quoted.size() == 1) {
        return quoted.get(0);
      }
      return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
    }

    /** A required relation field whose foreign key has an optional scalar field: Prisma wants it optional too. */
    private void requiredOverOptionalScalars(RelationField rf) {
      if (!rf.isRequired()) {
        return;
      }
      List<String> names = rf.fieldNames();
      boolean anyOptional = names.stream()
          .map(n -> rf.model().field(n).flatMap(FieldDecl::type))
          .anyMatch(t -> t.isPresent() && t.get().arity() == FieldType.Arity.OPTIONAL);
      if (anyOptional) {
        diagnostics.error(RelationCodes.REQUIRED_RELATION_OVER_OPTIONAL_FIELDS,
            "Error validating: The relation field `" + rf.name() + "` uses the scalar fields " + String.join(", ", names)
                + ". At least one of those fields is optional. Hence the relation field must be optional as well.",
            rf.field().span());
      }
    }

    private void ignoredRelatedModel(RelationField rf) {
      ModelDecl related = models.get(rf.relatedModel());
      if (related == null || !isIgnored(related) || isIgnored(rf.model()) || rf.field().attribute("ignore").isPresent()) {
        return;
      }
      diagnostics.error(RelationCodes.RELATION_TO_IGNORED_MODEL,
          "Error parsing attribute \"@ignore\": The relation field `" + rf.name() + "` on Model `" + rf.modelName()
              + "` must specify the `@ignore` attribute, because the model " + rf.relatedModel() + " it is pointing to is marked ignored.",
          rf.field().span());
    }

    private static boolean isIgnored(ModelDecl model) {
      return model.blockAttributes().stream().anyMatch(b -> b.name().equals("ignore"));
    }

    /** Referential actions the provider supports, and SetNull on required fields. */
    private void actionsAllowed(RelationField rf) {
      if (rf.relationAttribute().isEmpty()) {
        return;
      }
      Attribute rel = rf.relationAttribute().get();
      for (String argName : List.of("onDelete", "onUpdate")) {
        Optional<ReferentialAction> action = argName.equals("onDelete") ? rf.onDelete() : rf.onUpdate();
        if (action.isEmpty() || rel.named(argName).isEmpty()) {
          continue;
        }
        ReferentialAction a = action.get();
        if (prismaMode && (a == ReferentialAction.NO_ACTION || a == ReferentialAction.SET_DEFAULT)) {
          String message = "Error validating: Invalid referential action: `" + a.prismaName()
              + "`. Allowed values: (`Cascade`, `Restrict`, `SetNull`)";
          if (a == ReferentialAction.NO_ACTION) {
            message += ". `NoAction` is not implemented for Postgres when using `relationMode = \"prisma\"`, you could try using"
                + " `Restrict` instead. Learn more at https://pris.ly/d/relation-mode";
          }
          diagnostics.error(RelationCodes.INVALID_REFERENTIAL_ACTION, message, rf.field().span());
          continue;
        }
        if (a == ReferentialAction.SET_NULL && !rf.isList() && anyRequired(rf)) {
          if (foreignKeysOnPostgres) {
            diagnostics.warning(RelationCodes.SET_NULL_ON_REQUIRED_WARNING,
                "The `" + argName + "` referential action of a relation should not be set to `SetNull` when a referenced field is required."
                    + " We recommend either to choose another referential action, or to make the referenced fields optional."
                    + " Read more at https://pris.ly/d/postgres-set-null",
                rf.field().span());
          } else {
            diagnostics.error(RelationCodes.SET_NULL_ON_REQUIRED,
                "Error parsing attribute \"@relation\": The `" + argName
                    + "` referential action of a relation must not be set to `SetNull` when a referenced field is required.\n"
                    + "Either choose another referential action, or make the referenced fields optional.",
                rf.field().span());
          }
        }
      }
    }

    private static boolean anyRequired(RelationField rf) {
      return rf.fieldNames().stream()
          .map(n -> rf.model().field(n))
          .flatMap(Optional::stream)
          .flatMap(f -> f.type().stream())
          .anyMatch(t -> t.arity() == FieldType.Arity.REQUIRED);
    }

    private void missingIndex(RelationField rf) {
      if (!prismaMode || rf.fields().isEmpty() || rf.fieldNames().isEmpty()) {
        return;
      }
      List<String> fk = rf.fieldNames();
      boolean covered = indexes(rf.model()).stream()
          .anyMatch(index -> index.size() >= fk.size() && index.subList(0, fk.size()).equals(fk));
      if (!covered) {
        diagnostics.warning(RelationCodes.MISSING_RELATION_INDEX,
            "With `relationMode = \"prisma\"`, no foreign keys are used, so relation fields will not benefit from the index usually"
                + " created by the relational database under the hood. This can lead to poor performance when querying these fields."
                + " We recommend adding an index manually. Learn more at https://pris.ly/d/relation-mode-prisma-indexes\"",
            rf.relationAttribute().map(Attribute::span).orElse(rf.field().span()));
      }
    }

    private void missingOpposite(RelationField rf) {
      diagnostics.error(RelationCodes.MISSING_OPPOSITE_FIELD,
          "Error validating field `" + rf.name() + "` in " + rf.model().keyword() + " `" + rf.modelName() + "`: The relation field `"
              + rf.name() + "` on " + rf.model().keyword() + " `" + rf.modelName() + "` is missing an opposite relation field on the model `"
              + rf.relatedModel() + "`. Either run `prisma format` or add it manually.",
          rf.field().span());
    }

    private void oneToMany(Relation r) {
      RelationField single = r.forward();
      RelationField list = r.back().orElseThrow();
      if (list.definesForeignKey()) {
        parsingError(RelationCodes.FIELDS_ON_LIST_SIDE, list,
            "The relation field `" + list.name() + "` on Model `" + list.modelName()
                + "` must not specify the `fields` or `references` argument in the @relation attribute. You must only specify it on the opposite field `"
                + single.name() + "` on model `" + single.modelName() + "`.");
      }
      if (list.hasReferentialActions()) {
        parsingError(RelationCodes.ACTION_ON_BACK_SIDE, list,
            "The relation field `" + list.name() + "` on Model `" + list.modelName()
                + "` must not specify the `onDelete` or `onUpdate` argument in the @relation attribute. You must only specify it on the opposite field `"
                + single.name() + "` on model `" + single.modelName() + "`, or in case of a many to many relation, in an explicit join table.");
      }
      fieldsSide(r, true);
    }

    /** Checks of the side holding the foreign key: presence, arity, uniqueness of references, types. */
    private void fieldsSide(Relation r, boolean required) {
      RelationField f = r.forward();
      if (required) {
        if (f.fields().isEmpty()) {
          parsingError(RelationCodes.MISSING_FIELDS, f,
              "The relation field `" + f.name() + "` on Model `" + f.modelName()
                  + "` must specify the `fields` argument in the @relation attribute. You can run `prisma format` to fix this automatically.");
        }
        if (f.references().isEmpty()) {
          parsingError(RelationCodes.MISSING_FIELDS, f,
              "The relation field `" + f.name() + "` on Model `" + f.modelName() + "` must specify the `references` argument in the @relation attribute.");
        }
      }
      if (f.fields().isEmpty() || f.references().isEmpty()) {
        return;
      }
      if (f.fieldNames().size() != f.referenceNames().size()) {
        diagnostics.error(RelationCodes.ARITY_MISMATCH,
            "Error validating: You must specify the same number of fields in `fields` and `references`.", f.field().span());
      }
      ModelDecl related = models.get(f.relatedModel());
      if (related == null) {
        return;
      }
      List<String> refs = f.referenceNames();
      if (!refs.isEmpty() && !isUniqueCriterion(related, refs)) {
        String hint = refs.size() == 1
            ? "Consider adding an `@unique` attribute to the field `" + refs.get(0) + "` in the model `" + f.relatedModel() + "`."
            : "Consider adding an `@@unique([" + String.join(", ", refs) + "])` attribute to the model `" + f.relatedModel() + "`.";
        parsingError(RelationCodes.REFERENCES_NOT_UNIQUE, f,
            "The argument `references` must refer to a unique criterion in the related model. " + hint);
      }
      List<String> fks = f.fieldNames();
      for (int i = 0; i < Math.min(fks.size(), refs.size()); i++) {
        Optional<FieldType> fkType = f.model().field(fks.get(i)).flatMap(FieldDecl::type);
        Optional<FieldType> refType = related.field(refs.get(i)).flatMap(FieldDecl::type);
        if (fkType.isPresent() && refType.isPresent() && !baseType(fkType.get()).equals(baseType(refType.get()))) {
          parsingError(RelationCodes.TYPE_MISMATCH, f,
              "The type of the field `" + fks.get(i) + "` in the model `" + f.modelName() + "` is not matching the type of the referenced field `"
                  + refs.get(i) + "` in model `" + f.relatedModel() + "`.");
        }
      }
    }

    private static String baseType(FieldType t) {
      return t.unsupported().map(s -> "Unsupported(" + s.value() + ")").orElse(t.name().name());
    }

    private static boolean isUniqueCriterion(ModelDecl model, List<String> names) {
      Set<String> wanted = new HashSet<>(names);
      return uniqueCriteria(model).stream().anyMatch(c -> c.size() == names.size() && new HashSet<>(c).equals(wanted));
    }

    private void oneToOne(Relation r) {
      RelationField a = r.forward();
      RelationField b = r.back().orElseThrow();
      if (!a.definesForeignKey() && !b.definesForeignKey()) {
        for (String arg : List.of("fields", "references")) {
          for (RelationField side : List.of(b, a)) {
            RelationField other = side == a ? b : a;
            parsingError(RelationCodes.ONE_TO_ONE_NO_FIELDS, side,
                "The relation fields `" + side.name() + "` on Model `" + side.modelName() + "` and `" + other.name() + "` on Model `"
                    + other.modelName() + "` do not provide the `" + arg
                    + "` argument in the @relation attribute. You have to provide it on one of the two fields.");
          }
        }
        return;
      }
      if (a.definesForeignKey() && b.definesForeignKey()) {
        // Prisma names the two fields in a fixed order: by model name, or by position in a self-relation.
        RelationField first = a.modelName().equals(b.modelName())
            ? (earlier(a, b) ? a : b)
            : (a.modelName().compareTo(b.modelName()) < 0 ? a : b);
        RelationField second = first == a ? b : a;
        boolean mixup = (a.fields().isPresent() != b.fields().isPresent()) && (a.references().isPresent() != b.references().isPresent())
            && (a.fields().isPresent() != a.references().isPresent());
        if (mixup) {
          RelationField withFields = a.fields().isPresent() ? a : b;
          RelationField withReferences = withFields == a ? b : a;
          for (RelationField side : List.of(withFields, withReferences)) {
            parsingError(RelationCodes.ONE_TO_ONE_BOTH_FIELDS, side,
                "The relation field `" + withFields.name() + "` on Model `" + withFields.modelName()
                    + "` provides the `fields` argument in the @relation attribute. And the related field `" + withReferences.name()
                    + "` on Model `" + withReferences.modelName() + "` provides the `references` argument. You must provide both"
                    + " arguments on the same side.");
          }
          return;
        }
        // In a self-relation Prisma reaches this check from both fields, once in each order.
        List<List<RelationField>> orders = a.modelName().equals(b.modelName())
            ? List.of(List.of(first, second), List.of(second, first))
            : List.of(List.of(first, second));
        for (List<RelationField> order : orders) {
          for (String arg : List.of("references", "fields")) {
            boolean bothHave = arg.equals("fields")
                ? a.fields().isPresent() && b.fields().isPresent()
                : a.references().isPresent() && b.references().isPresent();
            if (!bothHave) {
              continue;
            }
            for (RelationField side : List.of(first, second)) {
              parsingError(RelationCodes.ONE_TO_ONE_BOTH_FIELDS, side,
                  "The relation fields `" + order.get(0).name() + "` on Model `" + order.get(0).modelName() + "` and `"
                      + order.get(1).name() + "` on Model `" + order.get(1).modelName() + "` both provide the `" + arg
                      + "` argument in the @relation attribute. You have to provide it only on one of the two fields.");
            }
          }
        }
        return;
      }
      if (a.isRequired() && b.isRequired() && !a.modelName().equals(b.modelName()) && a.modelName().compareTo(b.modelName()) > 0) {
        // With both sides required Prisma takes the field of the model whose name sorts first as
        // the forward side, whichever holds `fields:`; its errors name the sides that way.
        RelationField swap = a;
        a = b;
        b = swap;
      }
      if (b.hasReferentialActions()) {
        parsingError(RelationCodes.ACTION_ON_BACK_SIDE, b,
            "The relation field `" + b.name() + "` on Model `" + b.modelName()
                + "` must not specify the `onDelete` or `onUpdate` argument in the @relation attribute. You must only specify it on the opposite field `"
                + a.name() + "` on model `" + a.modelName() + "`.");
      }
      if (a.isRequired() && b.isRequired()) {
        // With an action on the back side, Prisma reports that alone (checked with its CLI).
        if (!b.hasReferentialActions()) {
          parsingError(RelationCodes.ONE_TO_ONE_BOTH_REQUIRED, b,
              "The relation field `" + b.name() + "` on Model `" + b.modelName()
                  + "` is required. This is not valid because it's not possible to enforce this constraint on the database level."
                  + " Please change the field type from `" + b.relatedModel() + "` to `" + b.relatedModel() + "?` to fix this.");
        }
      } else if (b.isRequired()) {
        parsingError(RelationCodes.ONE_TO_ONE_BACK_SIDE_REQUIRED, a,
            "The relation field `" + a.modelName() + "." + a.name()
                + "` defines the `fields` and/or `references` argument. You must set them on the required side of the relation (`"
                + b.modelName() + "." + b.name() + "`) in order for the constraints to be enforced. Alternatively, you can change this field"
                + " to be required and the opposite optional, or make both sides of the relation optional.");
      }
      fieldsSide(r, false);
      RelationField definer = r.forward();
      List<String> fks = definer.fieldNames();
      if (definer.fields().isPresent() && !fks.isEmpty() && fks.stream().allMatch(n -> definer.model().field(n).isPresent())
          && uniqueCriteria(definer.model()).stream().noneMatch(fks::equals)) {
        // Unlike `references`, the defining side must match a unique criterion in order.
        String hint = fks.size() == 1
            ? "Either add an `@unique` attribute to the field `" + fks.get(0) + "`"
            : "Either add an `@@unique([" + String.join(", ", fks) + "])` attribute to the model";
        parsingError(RelationCodes.ONE_TO_ONE_FIELDS_NOT_UNIQUE, definer,
            "A one-to-one relation must use unique fields on the defining side. " + hint + ", or change the relation to one-to-many.");
      }
    }

    private static boolean earlier(RelationField a, RelationField b) {
      Span sa = a.field().span();
      Span sb = b.field().span();
      if (!sa.file().path().equals(sb.file().path())) {
        return sa.file().path().compareTo(sb.file().path()) < 0;
      }
      return sa.start() < sb.start();
    }

    private void manyToMany(Relation r) {
      RelationField a = r.forward();
      RelationField b = r.back().orElseThrow();
      ModelDecl modelA = a.model();
      ModelDecl modelB = models.get(a.relatedModel());
      boolean view = modelA.kind() == ModelDecl.Kind.VIEW || (modelB != null && modelB.kind() == ModelDecl.Kind.VIEW);
      for (RelationField side : List.of(a, b)) {
        if (view) {
          diagnostics.error(RelationCodes.MANY_TO_MANY_ON_VIEW,
              "Error validating: Implicit many-to-many relations are not supported for views.", side.field().span());
        }
      }
      String keyword = modelA.keyword();
      for (RelationField side : List.of(a, b)) {
        ModelDecl target = models.get(side.relatedModel());
        if (target != null && !hasSingleFieldId(target)) {
          diagnostics.error(RelationCodes.MANY_TO_MANY_NEEDS_SINGLE_ID,
              "Error validating field `" + side.name() + "` in " + keyword + " `" + side.modelName() + "`: The relation field `" + side.name()
                  + "` on " + keyword + " `" + side.modelName() + "` references `" + side.relatedModel()
                  + "` which does not have an `@id` field. Models without `@id` cannot be part of a many to many relation."
                  + " Use an explicit intermediate Model to represent this relationship.",
              side.field().span());
        }
      }
      for (RelationField side : List.of(a, b)) {
        if (side.hasReferentialActions()) {
          diagnostics.error(RelationCodes.MANY_TO_MANY_WITH_ACTIONS,
              "Error validating: Referential actions on implicit many-to-many relations are not supported", side.field().span());
        }
      }
      boolean embedded = a.fields().isPresent() || b.fields().isPresent();
      for (RelationField side : List.of(a, b)) {
        if (embedded) {
          diagnostics.error(RelationCodes.MANY_TO_MANY_WITH_FIELDS,
              "Error validating: Embedded many-to-many relations are not supported on Postgres. Please use the syntax defined in"
                  + " https://pris.ly/d/relational-database-many-to-many",
              side.field().span());
        } else if (side.references().isPresent()) {
          parsingError(RelationCodes.MANY_TO_MANY_WITH_FIELDS, side,
              "Implicit many-to-many relation should not have references argument defined. Either remove it, or change the relation to one-to-many.");
        }
      }
    }

    private void parsingError(String code, RelationField rf, String message) {
      diagnostics.error(code, "Error parsing attribute \"@relation\": " + message, rf.field().span());
    }
  }
}
