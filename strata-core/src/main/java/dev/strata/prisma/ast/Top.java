package dev.strata.prisma.ast;

import dev.strata.diag.Span;

/** Anything that can appear at the top level of a schema file, in source order. */
public sealed interface Top
    permits ModelDecl, EnumDecl, ConfigBlock, TypeAliasDecl, Comment, BlankLine, InvalidLine {
  Span span();
}
