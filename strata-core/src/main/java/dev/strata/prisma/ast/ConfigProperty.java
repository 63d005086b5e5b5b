package dev.strata.prisma.ast;

import dev.strata.diag.Span;
import java.util.Optional;

/** A {@code key = value} line in a datasource or generator. {@code value} is empty for {@code key =}. */
public record ConfigProperty(
    Identifier key, Optional<Expression> value, Optional<Comment> trailingComment, Span span)
    implements Member {}
