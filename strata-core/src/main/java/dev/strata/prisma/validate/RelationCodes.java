package dev.strata.prisma.validate;

import java.util.Map;

/**
 * The registry of relation diagnostic codes ({@code PS400}–{@code PS499}): one constant per rule,
 * each with a one-line description. Codes are stable and never reused.
 */
public final class RelationCodes {
  private RelationCodes() {}

  /** A relation field has no opposite relation field on the related model. */
  public static final String MISSING_OPPOSITE_FIELD = "PS400";
  /** Two or more relations between the same models (or a self-relation) are not told apart by name. */
  public static final String AMBIGUOUS_RELATION = "PS401";
  /** The same relation name is used by fields that cannot all belong to one relation. */
  public static final String WRONGLY_NAMED_RELATION = "PS402";
  /** {@code fields} names a field that does not exist in the model. */
  public static final String UNKNOWN_FIELDS = "PS403";
  /** {@code references} names a field that does not exist in the related model. */
  public static final String UNKNOWN_REFERENCES = "PS404";
  /** {@code fields} or {@code references} names a relation field instead of a scalar field. */
  public static final String NON_SCALAR_FIELDS = "PS405";
  /** {@code fields} and {@code references} have different lengths. */
  public static final String ARITY_MISMATCH = "PS406";
  /** {@code references} does not form a unique criterion ({@code @id}/{@code @unique}) of the related model. */
  public static final String REFERENCES_NOT_UNIQUE = "PS407";
  /** A field in {@code fields} has another type than the field it references. */
  public static final String TYPE_MISMATCH = "PS408";
  /** The list side of a 1-n relation carries {@code fields} or {@code references}. */
  public static final String FIELDS_ON_LIST_SIDE = "PS409";
  /** The single side of a 1-n relation lacks {@code fields} or {@code references}. */
  public static final String MISSING_FIELDS = "PS410";
  /** Neither side of a 1-1 relation carries {@code fields}/{@code references}. */
  public static final String ONE_TO_ONE_NO_FIELDS = "PS411";
  /** Both sides of a 1-1 relation carry {@code fields}/{@code references}. */
  public static final String ONE_TO_ONE_BOTH_FIELDS = "PS412";
  /** Both sides of a 1-1 relation are required. */
  public static final String ONE_TO_ONE_BOTH_REQUIRED = "PS413";
  /** The fields of the defining side of a 1-1 relation are not unique. */
  public static final String ONE_TO_ONE_FIELDS_NOT_UNIQUE = "PS414";
  /** The back side of a 1-1 relation (without fields) is required. */
  public static final String ONE_TO_ONE_BACK_SIDE_REQUIRED = "PS415";
  /** A referential action that the provider (or relation mode) does not support. */
  public static final String INVALID_REFERENTIAL_ACTION = "PS416";
  /** {@code onDelete}/{@code onUpdate} on the side of a relation that has no {@code fields}. */
  public static final String ACTION_ON_BACK_SIDE = "PS417";
  /** {@code SetNull} while a referencing field is required (error with relationMode prisma). */
  public static final String SET_NULL_ON_REQUIRED = "PS418";
  /** {@code SetNull} while a referencing field is required (warning on PostgreSQL with foreign keys). */
  public static final String SET_NULL_ON_REQUIRED_WARNING = "PS419";
  /** relationMode prisma: the referencing fields are not covered by an index. */
  public static final String MISSING_RELATION_INDEX = "PS420";
  /** Implicit many-to-many relation where a model has no single-field {@code @id}. */
  public static final String MANY_TO_MANY_NEEDS_SINGLE_ID = "PS421";
  /** Implicit many-to-many relation involving a view. */
  public static final String MANY_TO_MANY_ON_VIEW = "PS422";
  /** {@code fields}/{@code references} on an implicit many-to-many relation. */
  public static final String MANY_TO_MANY_WITH_FIELDS = "PS423";
  /** Referential actions on an implicit many-to-many relation. */
  public static final String MANY_TO_MANY_WITH_ACTIONS = "PS424";
  /** {@code @map} on a relation field. */
  public static final String MAP_ON_RELATION_FIELD = "PS425";
  /** {@code @default} on a relation field. */
  public static final String DEFAULT_ON_RELATION_FIELD = "PS426";
  /** {@code @unique} on a relation field. */
  public static final String UNIQUE_ON_RELATION_FIELD = "PS427";
  /** {@code @id} on a relation field. */
  public static final String ID_ON_RELATION_FIELD = "PS428";
  /** A relation field points to an {@code @@ignore}d model but is not ignored itself. */
  public static final String RELATION_TO_IGNORED_MODEL = "PS429";
  /** A malformed {@code @relation} argument (wrong value type, unknown or duplicate argument). */
  public static final String INVALID_RELATION_ARGUMENT = "PS430";
  /** {@code @relation} on a field that is not a relation field. */
  public static final String RELATION_ON_SCALAR_FIELD = "PS431";
  /** A required relation field whose {@code fields} include an optional scalar field. */
  public static final String REQUIRED_RELATION_OVER_OPTIONAL_FIELDS = "PS432";

  /** Every code with its description, for documentation and {@code strata explain}. */
  public static final Map<String, String> DESCRIPTIONS =
      Map.ofEntries(
          Map.entry(MISSING_OPPOSITE_FIELD, "relation field without an opposite relation field"),
          Map.entry(AMBIGUOUS_RELATION, "ambiguous relation: give the relations distinct names"),
          Map.entry(WRONGLY_NAMED_RELATION, "relation name used by fields that cannot share it"),
          Map.entry(UNKNOWN_FIELDS, "`fields` refers to a field that does not exist"),
          Map.entry(UNKNOWN_REFERENCES, "`references` refers to a field that does not exist"),
          Map.entry(NON_SCALAR_FIELDS, "`fields`/`references` refers to a relation field"),
          Map.entry(ARITY_MISMATCH, "`fields` and `references` differ in length"),
          Map.entry(REFERENCES_NOT_UNIQUE, "`references` is not a unique criterion of the related model"),
          Map.entry(TYPE_MISMATCH, "referencing field type differs from the referenced field type"),
          Map.entry(FIELDS_ON_LIST_SIDE, "`fields`/`references` on the list side of a 1-n relation"),
          Map.entry(MISSING_FIELDS, "`fields`/`references` missing on the single side of a 1-n relation"),
          Map.entry(ONE_TO_ONE_NO_FIELDS, "no side of a 1-1 relation defines `fields`/`references`"),
          Map.entry(ONE_TO_ONE_BOTH_FIELDS, "both sides of a 1-1 relation define `fields`/`references`"),
          Map.entry(ONE_TO_ONE_BOTH_REQUIRED, "both sides of a 1-1 relation are required"),
          Map.entry(ONE_TO_ONE_FIELDS_NOT_UNIQUE, "1-1 relation fields are not unique"),
          Map.entry(ONE_TO_ONE_BACK_SIDE_REQUIRED, "the back side of a 1-1 relation must be optional"),
          Map.entry(INVALID_REFERENTIAL_ACTION, "referential action not supported here"),
          Map.entry(ACTION_ON_BACK_SIDE, "referential action on the side without `fields`"),
          Map.entry(SET_NULL_ON_REQUIRED, "`SetNull` on a required field (relationMode prisma)"),
          Map.entry(SET_NULL_ON_REQUIRED_WARNING, "`SetNull` on a required field"),
          Map.entry(MISSING_RELATION_INDEX, "relationMode prisma: relation fields without an index"),
          Map.entry(MANY_TO_MANY_NEEDS_SINGLE_ID, "implicit m-n relation needs a single-field @id"),
          Map.entry(MANY_TO_MANY_ON_VIEW, "implicit m-n relations are not supported for views"),
          Map.entry(MANY_TO_MANY_WITH_FIELDS, "`fields`/`references` on an implicit m-n relation"),
          Map.entry(MANY_TO_MANY_WITH_ACTIONS, "referential actions on an implicit m-n relation"),
          Map.entry(MAP_ON_RELATION_FIELD, "@map on a relation field"),
          Map.entry(DEFAULT_ON_RELATION_FIELD, "@default on a relation field"),
          Map.entry(UNIQUE_ON_RELATION_FIELD, "@unique on a relation field"),
          Map.entry(ID_ON_RELATION_FIELD, "@id on a relation field"),
          Map.entry(RELATION_TO_IGNORED_MODEL, "relation to an ignored model must be ignored too"),
          Map.entry(INVALID_RELATION_ARGUMENT, "malformed @relation argument"),
          Map.entry(RELATION_ON_SCALAR_FIELD, "@relation on a scalar field"),
          Map.entry(REQUIRED_RELATION_OVER_OPTIONAL_FIELDS, "required relation field over optional scalar fields"));
}
