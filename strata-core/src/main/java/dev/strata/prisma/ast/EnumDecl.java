package dev.strata.prisma.ast;

import dev.strata.diag.Span;
import java.util.List;
import java.util.Optional;

/** An {@code enum} block: values and block attributes ({@code @@map}, {@code @@schema}). */
public record EnumDecl(Identifier name, List<Member> members, Optional<String> documentation, Span span)
    implements Declaration, Top {

  public EnumDecl {
    members = List.copyOf(members);
  }

  @Override
  public String keyword() {
    return "enum";
  }

  public List<EnumValueDecl> values() {
    return members.stream().filter(EnumValueDecl.class::isInstance).map(EnumValueDecl.class::cast).toList();
  }
}
