package dev.strata.prisma.lower;

import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.validate.ConstraintNames;
import dev.strata.prisma.validate.Relation;
import dev.strata.prisma.validate.RelationField;
import dev.strata.prisma.validate.RelationGraph;
import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.ForeignKey.ReferentialAction;
import dev.strata.schema.Index;
import dev.strata.schema.IndexColumn;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers resolved relations: a foreign key on the table of each 1-1 and 1-n relation's side with
 * {@code fields:}, and a join table {@code _Name} for each implicit many-to-many relation.
 *
 * <p>Relations are taken in the order Prisma registers them: by the position (model, then field)
 * of their forward field. Foreign keys therefore come per table in field order, and join tables in
 * the order of their {@code A} side fields.
 */
final class RelationLowering {
  private final LoweringContext ctx;
  private final ColumnLowering columns;
  private final List<Relation> relations;

  RelationLowering(LoweringContext ctx, ColumnLowering columns) {
    this.ctx = ctx;
    this.columns = columns;
    Map<FieldDecl, Integer> position = new IdentityHashMap<>();
    int n = 0;
    for (ModelDecl model : ctx.models) {
      for (FieldDecl field : model.fields()) {
        position.put(field, n++);
      }
    }
    this.relations = RelationGraph.of(ctx.schema).relations().stream()
        .filter(r -> position.containsKey(r.forward().field()))
        .sorted(Comparator.comparingInt(r -> position.get(r.forward().field())))
        .toList();
  }

  /** The foreign keys whose forward side lives on {@code model}, in field order. */
  List<ForeignKey> foreignKeys(ModelDecl model, String table) {
    if (ctx.relationModePrisma) {
      return List.of();
    }
    List<ForeignKey> out = new ArrayList<>();
    for (Relation r : relations) {
      if (r.kind() == Relation.Kind.MANY_TO_MANY || r.forward().model() != model) {
        continue;
      }
      foreignKey(r, table).ifPresent(out::add);
    }
    return out;
  }

  private Optional<ForeignKey> foreignKey(Relation r, String table) {
    RelationField forward = r.forward();
    List<String> fields = forward.fieldNames();
    ModelDecl referenced = ctx.modelsByName.get(r.referencedModel());
    if (fields.isEmpty() || forward.isList() || referenced == null
        || referenced.kind() != ModelDecl.Kind.MODEL || forward.model().kind() != ModelDecl.Kind.MODEL) {
      // No `fields:` (invalid), or a view on either side: views have no constraints.
      return Optional.empty();
    }
    List<String> fkColumns = fields.stream().map(f -> LoweringContext.columnName(forward.model(), f)).toList();
    List<String> referencedColumns = r.referencedFields().stream().map(f -> LoweringContext.columnName(referenced, f)).toList();
    String name = forward.map().orElseGet(() -> ConstraintNames.foreignKey(table, fkColumns));
    return Optional.of(new ForeignKey(
        name,
        fkColumns,
        ctx.schemaOf(referenced),
        LoweringContext.dbName(referenced),
        referencedColumns,
        action(r.effectiveOnDelete()),
        action(r.effectiveOnUpdate())));
  }

  static ReferentialAction action(Relation.ReferentialAction action) {
    return switch (action) {
      case CASCADE -> ReferentialAction.CASCADE;
      case RESTRICT -> ReferentialAction.RESTRICT;
      case NO_ACTION -> ReferentialAction.NO_ACTION;
      case SET_NULL -> ReferentialAction.SET_NULL;
      case SET_DEFAULT -> ReferentialAction.SET_DEFAULT;
    };
  }

  /** The join tables of the implicit many-to-many relations, in Prisma's order. */
  List<Table> joinTables() {
    List<Table> out = new ArrayList<>();
    for (Relation r : relations) {
      if (r.kind() == Relation.Kind.MANY_TO_MANY && r.back().isPresent()) {
        joinTable(r).ifPresent(out::add);
      }
    }
    return out;
  }

  private Optional<Table> joinTable(Relation r) {
    ModelDecl modelA = r.forward().model();
    ModelDecl modelB = r.back().get().model();
    Optional<FieldDecl> idA = singleId(modelA);
    Optional<FieldDecl> idB = singleId(modelB);
    if (idA.isEmpty() || idB.isEmpty() || modelA.kind() != ModelDecl.Kind.MODEL || modelB.kind() != ModelDecl.Kind.MODEL) {
      // Prisma requires a single-field id on both sides and no views; validation reports it.
      return Optional.empty();
    }
    String table = ConstraintNames.truncate("_" + r.name(), ConstraintNames.MAX_IDENTIFIER_BYTES);
    String schema = ctx.schemaOf(modelA);
    List<Column> joinColumns = List.of(joinColumn("A", idA.get()), joinColumn("B", idB.get()));
    PrimaryKey pk = new PrimaryKey(ConstraintNames.truncate(table, 55) + "_AB_pkey", List.of("A", "B"));
    Index bIndex = new Index(
        ConstraintNames.truncate(table, 55) + "_B_index", false, List.of(IndexColumn.of("B")), "BTREE", Optional.empty(), false);
    List<ForeignKey> fks = ctx.relationModePrisma
        ? List.of()
        : List.of(joinForeignKey(table, "A", modelA, idA.get()), joinForeignKey(table, "B", modelB, idB.get()));
    return Optional.of(new Table(schema, table, joinColumns, Optional.of(pk), List.of(bIndex), fks, List.of(), Optional.empty()));
  }

  /** A join table column: the referenced id's type (native type included), required, nothing else. */
  private Column joinColumn(String name, FieldDecl id) {
    ColumnType type = columns.type(id);
    ColumnType scalar = new ColumnType(type.kind(), type.name(), type.args(), type.enumSchema(), false);
    return new Column(name, scalar, false, Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty());
  }

  private ForeignKey joinForeignKey(String table, String column, ModelDecl referenced, FieldDecl id) {
    return new ForeignKey(
        ConstraintNames.truncate(table, 56) + "_" + column + "_fkey",
        List.of(column),
        ctx.schemaOf(referenced),
        LoweringContext.dbName(referenced),
        List.of(LoweringContext.columnName(id)),
        ReferentialAction.CASCADE,
        ReferentialAction.CASCADE);
  }

  /** The model's single id field: the field with {@code @id}, or the only field of {@code @@id}. */
  private static Optional<FieldDecl> singleId(ModelDecl model) {
    Optional<FieldDecl> fieldId = model.fields().stream().filter(f -> f.attribute("id").isPresent()).findFirst();
    if (fieldId.isPresent()) {
      return fieldId;
    }
    return LoweringContext.blockAttribute(model, "id")
        .map(b -> b.attribute())
        .flatMap(RelationLowering::singleFieldName)
        .flatMap(model::field);
  }

  private static Optional<String> singleFieldName(Attribute id) {
    var fields = id.named("fields").or(() -> id.positional(0)).flatMap(a -> a.value());
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    var items = fields.get() instanceof dev.strata.prisma.ast.ArrayExpression a ? a.elements() : List.of(fields.get());
    return items.size() == 1 ? LoweringContext.constant(items.get(0)) : Optional.empty();
  }
}
