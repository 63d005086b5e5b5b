package dev.strata.prisma.ast;

import dev.strata.diag.Span;
import java.util.List;
import java.util.Optional;

/** A {@code datasource} or {@code generator} block: {@code key = value} properties. */
public record ConfigBlock(
    Kind kind, Identifier name, List<Member> members, Optional<String> documentation, Span span)
    implements Declaration, Top {

  /** Which configuration block this is. */
  public enum Kind {
    DATASOURCE("datasource"),
    GENERATOR("generator");

    private final String keyword;

    Kind(String keyword) {
      this.keyword = keyword;
    }

    public String keyword() {
      return keyword;
    }
  }

  public ConfigBlock {
    members = List.copyOf(members);
  }

  @Override
  public String keyword() {
    return kind.keyword();
  }

  public List<ConfigProperty> properties() {
    return members.stream().filter(ConfigProperty.class::isInstance).map(ConfigProperty.class::cast).toList();
  }

  public Optional<ConfigProperty> property(String key) {
    return properties().stream().filter(p -> p.key().name().equals(key)).findFirst();
  }
}
