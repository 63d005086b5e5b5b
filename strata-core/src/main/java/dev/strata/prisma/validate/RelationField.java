package dev.strata.prisma.validate;

import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.FieldType;
import dev.strata.prisma.ast.Identifier;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.validate.Relation.ReferentialAction;
import java.util.List;
import java.util.Optional;

/**
 * One side of a relation: a field of a model (or view) whose type is another model or view, with
 * what its {@code @relation} attribute says. {@code fields}/{@code references} are empty when the
 * argument was not written or is an empty list; the names in them may not exist.
 */
public record RelationField(
    ModelDecl model,
    FieldDecl field,
    String relatedModel,
    FieldType.Arity arity,
    Optional<Attribute> relationAttribute,
    Optional<String> explicitName,
    Optional<List<Identifier>> fields,
    Optional<List<Identifier>> references,
    Optional<ReferentialAction> onDelete,
    Optional<ReferentialAction> onUpdate,
    Optional<String> map) {

  public RelationField {
    fields = fields.map(List::copyOf);
    references = references.map(List::copyOf);
  }

  public String modelName() {
    return model.name().name();
  }

  public String name() {
    return field.name().name();
  }

  public boolean isList() {
    return arity == FieldType.Arity.LIST || arity == FieldType.Arity.OPTIONAL_LIST;
  }

  public boolean isOptional() {
    return arity == FieldType.Arity.OPTIONAL;
  }

  public boolean isRequired() {
    return arity == FieldType.Arity.REQUIRED;
  }

  /** Whether {@code fields:} or {@code references:} was written: this side holds the foreign key. */
  public boolean definesForeignKey() {
    return fields.isPresent() || references.isPresent();
  }

  public boolean hasReferentialActions() {
    return relationAttribute.map(a -> a.named("onDelete").isPresent() || a.named("onUpdate").isPresent()).orElse(false);
  }

  /** The names in {@code fields:}, or none. */
  public List<String> fieldNames() {
    return fields.map(l -> l.stream().map(Identifier::name).toList()).orElse(List.of());
  }

  /** The names in {@code references:}, or none. */
  public List<String> referenceNames() {
    return references.map(l -> l.stream().map(Identifier::name).toList()).orElse(List.of());
  }
}
