package dev.strata.prisma.ast;

import dev.strata.diag.Span;
import java.util.Optional;

/** A block attribute line ({@code @@id}, {@code @@unique}, {@code @@index}, {@code @@map}, …). */
public record BlockAttribute(Attribute attribute, Optional<Comment> trailingComment, Span span)
    implements Member {

  public String name() {
    return attribute.name().name();
  }
}
