package dev.strata.prisma.ast;

import dev.strata.diag.SourceFile;
import java.util.List;

/** One parsed schema file: its top-level items in source order (comments and blank lines included). */
public record PrismaFile(SourceFile source, List<Top> items) {
  public PrismaFile {
    items = List.copyOf(items);
  }

  public List<Declaration> declarations() {
    return items.stream().filter(Declaration.class::isInstance).map(Declaration.class::cast).toList();
  }
}
