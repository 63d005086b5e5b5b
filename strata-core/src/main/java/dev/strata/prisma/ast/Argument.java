package dev.strata.prisma.ast;

import dev.strata.diag.Span;
import java.util.Optional;

/**
 * One argument: positional ({@code value}) or named ({@code name: value}). An empty value
 * ({@code name:} with nothing after it) is kept so that the validator can report it.
 */
public record Argument(Optional<Identifier> name, Optional<Expression> value, Span span) {}
