package dev.strata.prisma.ast;

import dev.strata.diag.Span;

/**
 * Text the parser could not read as a declaration (inside a block, or at top level). It is kept
 * verbatim (trimmed) so that the formatter never loses it; the parser also reports a diagnostic.
 */
public record InvalidLine(String text, Span span) implements Member, Top {}
