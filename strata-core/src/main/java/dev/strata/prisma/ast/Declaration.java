package dev.strata.prisma.ast;

import dev.strata.diag.Span;
import java.util.List;
import java.util.Optional;

/** A named top-level block (model, view, composite type, enum, datasource, generator). */
public sealed interface Declaration permits ModelDecl, EnumDecl, ConfigBlock {
  Identifier name();

  /** The members between the braces, in source order (comments and blank lines included). */
  List<Member> members();

  /** The {@code ///} documentation written right before the block, joined with newlines. */
  Optional<String> documentation();

  Span span();

  /** The keyword that opened the block: {@code model}, {@code view}, {@code type}, {@code enum}, … */
  String keyword();

  default List<BlockAttribute> blockAttributes() {
    return members().stream()
        .filter(BlockAttribute.class::isInstance)
        .map(BlockAttribute.class::cast)
        .toList();
  }
}
