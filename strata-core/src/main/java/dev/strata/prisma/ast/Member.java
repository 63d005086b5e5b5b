package dev.strata.prisma.ast;

import dev.strata.diag.Span;

/** Anything that can appear between the braces of a block, in source order. */
public sealed interface Member
    permits FieldDecl, EnumValueDecl, ConfigProperty, BlockAttribute, Comment, BlankLine, InvalidLine {
  Span span();
}
