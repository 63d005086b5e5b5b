package dev.strata.prisma.ast;

import dev.strata.diag.Span;

/** A name as written in the schema (a model, field, attribute or function name), with its span. */
public record Identifier(String name, Span span) {}
