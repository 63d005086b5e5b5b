package dev.strata.prisma.ast;

import dev.strata.diag.Span;
import java.util.List;
import java.util.Optional;

/**
 * A field line in a model, view or composite type: {@code name Type @attr(…) // comment}.
 * {@code type} is empty when the line has a name but no type (a diagnostic is reported).
 */
public record FieldDecl(
    Identifier name,
    Optional<FieldType> type,
    List<Attribute> attributes,
    Optional<Comment> trailingComment,
    Optional<String> documentation,
    Span span)
    implements Member {

  public FieldDecl {
    attributes = List.copyOf(attributes);
  }

  public Optional<Attribute> attribute(String attributeName) {
    return attributes.stream().filter(a -> a.name().name().equals(attributeName)).findFirst();
  }

  public List<Attribute> attributes(String attributeName) {
    return attributes.stream().filter(a -> a.name().name().equals(attributeName)).toList();
  }
}
