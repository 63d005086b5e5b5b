package dev.strata.prisma.format;

import dev.strata.diag.Span;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.ModelDecl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the formatter adds to a schema besides layout: missing relation fields, missing scalar
 * fields backing a relation, missing {@code @relation} attributes and missing {@code fields} /
 * {@code references} arguments. Nodes are identified by where they were written.
 */
final class Additions {

  /** A field line to append at the end of a model, already in canonical text. */
  record AddedField(String name, String type, List<String> attributes) {
    AddedField {
      attributes = List.copyOf(attributes);
    }
  }

  /** Identifies a node of the AST by its file and start offset. */
  private record Key(String path, int start) {
    static Key of(Span span) {
      return new Key(span.file().path(), span.start());
    }
  }

  static final Additions NONE = new Additions();

  private final Map<Key, List<AddedField>> fieldsByModel = new HashMap<>();
  private final Map<Key, String> relationAttributeByField = new HashMap<>();
  private final Map<Key, List<String>> relationArgumentsByField = new HashMap<>();

  void addField(ModelDecl model, AddedField field) {
    fieldsByModel.computeIfAbsent(Key.of(model.span()), k -> new ArrayList<>()).add(field);
  }

  void addRelationAttribute(FieldDecl field, String attribute) {
    relationAttributeByField.putIfAbsent(Key.of(field.span()), attribute);
  }

  void addRelationArguments(FieldDecl field, List<String> arguments) {
    relationArgumentsByField.computeIfAbsent(Key.of(field.span()), k -> new ArrayList<>()).addAll(arguments);
  }

  List<AddedField> fieldsFor(ModelDecl model) {
    return fieldsByModel.getOrDefault(Key.of(model.span()), List.of());
  }

  Optional<String> relationAttributeFor(FieldDecl field) {
    return Optional.ofNullable(relationAttributeByField.get(Key.of(field.span())));
  }

  List<String> relationArgumentsFor(FieldDecl field) {
    return relationArgumentsByField.getOrDefault(Key.of(field.span()), List.of());
  }
}
