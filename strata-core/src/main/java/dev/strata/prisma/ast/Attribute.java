package dev.strata.prisma.ast;

import dev.strata.diag.Span;
import java.util.List;
import java.util.Optional;

/**
 * A field attribute ({@code @id}, {@code @db.VarChar(255)}) or, wrapped in {@link BlockAttribute},
 * a block attribute ({@code @@index([a])}). {@code name} has no {@code @} signs: {@code "db.VarChar"}.
 * {@code arguments} is empty when no parentheses were written.
 */
public record Attribute(Identifier name, Optional<ArgumentList> arguments, Span span) {

  public List<Argument> args() {
    return arguments.map(ArgumentList::arguments).orElse(List.of());
  }

  /** The first unnamed argument, if any. */
  public Optional<Argument> positional(int index) {
    List<Argument> positional = args().stream().filter(a -> a.name().isEmpty()).toList();
    return index < positional.size() ? Optional.of(positional.get(index)) : Optional.empty();
  }

  public Optional<Argument> named(String argName) {
    return args().stream().filter(a -> a.name().map(n -> n.name().equals(argName)).orElse(false)).findFirst();
  }
}
