package dev.strata.prisma.ast;

import dev.strata.diag.Span;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A {@code model}, {@code view} or composite {@code type} block: fields and block attributes. */
public record ModelDecl(
    Kind kind, Identifier name, List<Member> members, Optional<String> documentation, Span span)
    implements Declaration, Top {

  /** The keyword that introduced the block. */
  public enum Kind {
    MODEL("model"),
    VIEW("view"),
    TYPE("type");

    private final String keyword;

    Kind(String keyword) {
      this.keyword = keyword;
    }

    public String keyword() {
      return keyword;
    }
  }

  public ModelDecl {
    Objects.requireNonNull(kind, "kind");
    members = List.copyOf(members);
  }

  @Override
  public String keyword() {
    return kind.keyword();
  }

  public List<FieldDecl> fields() {
    return members.stream().filter(FieldDecl.class::isInstance).map(FieldDecl.class::cast).toList();
  }

  public Optional<FieldDecl> field(String fieldName) {
    return fields().stream().filter(f -> f.name().name().equals(fieldName)).findFirst();
  }
}
