package dev.strata.prisma.ast;

import dev.strata.diag.Span;
import java.util.List;

/**
 * The legacy type alias {@code type Name = Target @attr…}. Prisma parses it and rejects it in
 * validation; it is kept so that the formatter can reproduce it.
 */
public record TypeAliasDecl(Identifier name, FieldType target, List<Attribute> attributes, Span span)
    implements Top {
  public TypeAliasDecl {
    attributes = List.copyOf(attributes);
  }
}
