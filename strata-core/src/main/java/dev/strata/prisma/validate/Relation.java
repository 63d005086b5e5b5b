package dev.strata.prisma.validate;

import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.FieldType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One resolved relation between two models (or a model and itself): its name, its kind and its two
 * sides.
 *
 * <p>{@code forward} is, for 1-1 and 1-n relations, the side that holds (or should hold) the foreign
 * key: the single side of a 1-n relation, the side with {@code fields} of a 1-1 relation. For an
 * implicit m-n relation it is the side on model {@code A} (the model whose name sorts first
 * byte-wise; for a self-relation the field whose name sorts first), whose id column {@code "A"} of
 * the join table references. {@code back} is empty when the opposite field is missing.
 */
public record Relation(String name, boolean explicitlyNamed, Kind kind, RelationField forward, Optional<RelationField> back) {

  /** The cardinality of a relation. */
  public enum Kind {
    ONE_TO_ONE,
    ONE_TO_MANY,
    /** An implicit many-to-many relation (both sides lists), stored in a join table {@code _Name}. */
    MANY_TO_MANY
  }

  /** A referential action of a relation ({@code onDelete}/{@code onUpdate}), as written in the schema. */
  public enum ReferentialAction {
    CASCADE("Cascade"),
    RESTRICT("Restrict"),
    NO_ACTION("NoAction"),
    SET_NULL("SetNull"),
    SET_DEFAULT("SetDefault");

    private final String prismaName;

    ReferentialAction(String prismaName) {
      this.prismaName = prismaName;
    }

    /** The name used in the schema language: {@code SetNull}. */
    public String prismaName() {
      return prismaName;
    }

    /** The action written as {@code name} in a schema, if it is one. */
    public static Optional<ReferentialAction> fromPrismaName(String name) {
      return Arrays.stream(values()).filter(a -> a.prismaName.equals(name)).findFirst();
    }
  }

  /** Whether both sides are on the same model. */
  public boolean isSelfRelation() {
    return forward.modelName().equals(forward.relatedModel());
  }

  /** The model holding the foreign key (for m-n: model {@code A}). */
  public String referencingModel() {
    return forward.modelName();
  }

  /** The model the foreign key points to (for m-n: model {@code B}). */
  public String referencedModel() {
    return forward.relatedModel();
  }

  /** The foreign key fields ({@code fields:}) on the referencing model; empty for m-n. */
  public List<String> referencingFields() {
    return forward.fieldNames();
  }

  /** The referenced fields ({@code references:}) on the referenced model; empty for m-n. */
  public List<String> referencedFields() {
    return forward.referenceNames();
  }

  /** For an implicit m-n relation, its join table: {@code "_" + name}. */
  public Optional<String> joinTableName() {
    return kind == Kind.MANY_TO_MANY ? Optional.of("_" + name) : Optional.empty();
  }

  /**
   * The {@code onDelete} action in effect: the written one, else {@code Restrict} when the relation's
   * referential arity is required and {@code SetNull} when it is not; {@code Cascade} for m-n join
   * tables. As in Prisma, the arity is required when any foreign key field is required, and otherwise
   * it is the relation field's own: a list scalar ({@code aId Int[]}) under a required {@code a A}
   * gives {@code Restrict}, under {@code a A?} {@code SetNull}.
   */
  public ReferentialAction effectiveOnDelete() {
    if (kind == Kind.MANY_TO_MANY) {
      return ReferentialAction.CASCADE;
    }
    boolean required = anyReferencingFieldRequired() || forward.isRequired();
    return forward.onDelete().orElse(required ? ReferentialAction.RESTRICT : ReferentialAction.SET_NULL);
  }

  /** The {@code onUpdate} action in effect: the written one, else {@code Cascade}. */
  public ReferentialAction effectiveOnUpdate() {
    return kind == Kind.MANY_TO_MANY ? ReferentialAction.CASCADE : forward.onUpdate().orElse(ReferentialAction.CASCADE);
  }

  /** Whether any foreign key field exists and is required (the "referential arity" of Prisma). */
  public boolean anyReferencingFieldRequired() {
    return referencingFields().stream()
        .map(n -> forward.model().field(n))
        .flatMap(Optional::stream)
        .map(FieldDecl::type)
        .flatMap(Optional::stream)
        .anyMatch(t -> t.arity() == FieldType.Arity.REQUIRED);
  }

  /** Both sides present, forward first. */
  public List<RelationField> sides() {
    return back.map(b -> List.of(forward, b)).orElse(List.of(forward));
  }
}
