package dev.strata.prisma.ast;

import dev.strata.diag.Span;

/** One or more consecutive empty lines (inside a block or between blocks); {@code count} of them. */
public record BlankLine(int count, Span span) implements Member, Top {}
