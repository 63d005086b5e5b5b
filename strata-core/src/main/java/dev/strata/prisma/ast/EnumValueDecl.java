package dev.strata.prisma.ast;

import dev.strata.diag.Span;
import java.util.List;
import java.util.Optional;

/** A value line in an enum: {@code NAME @map("db") // comment}. */
public record EnumValueDecl(
    Identifier name,
    List<Attribute> attributes,
    Optional<Comment> trailingComment,
    Optional<String> documentation,
    Span span)
    implements Member {

  public EnumValueDecl {
    attributes = List.copyOf(attributes);
  }
}
