package dev.strata.prisma.parse;

import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.diag.Span;
import dev.strata.prisma.ast.PrismaFile;
import dev.strata.prisma.ast.PrismaSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of the Prisma schema parser: source text in, AST and syntax diagnostics out.
 *
 * <p>Recovery is line based, like Prisma's own grammar: a line that cannot be read is kept verbatim
 * as an {@code InvalidLine} with one diagnostic and parsing resumes on the next line; a block whose
 * closing brace is missing ends at the next block header in column 0 or at the end of the file.
 */
public final class PrismaParser {
  private PrismaParser() {}

  /** Parses one file; never throws; syntax problems go to {@code diagnostics}. */
  public static PrismaFile parse(SourceFile source, Diagnostics diagnostics) {
    try {
      return new SchemaParser(source, diagnostics).parseFile();
    } catch (RuntimeException | StackOverflowError e) {
      // A bug in the parser must not take the caller down: report it against the file instead.
      diagnostics.error(
          ParseCodes.INTERNAL_ERROR,
          "The schema parser failed unexpectedly (" + e.getClass().getSimpleName() + "); please report this file.",
          new Span(source, 0, 0));
      return new PrismaFile(source, List.of());
    }
  }

  /** Parses several files (a schema folder) into one schema, in the given order. */
  public static PrismaSchema parse(List<SourceFile> sources, Diagnostics diagnostics) {
    List<PrismaFile> files = new ArrayList<>();
    for (SourceFile source : sources) {
      files.add(parse(source, diagnostics));
    }
    return new PrismaSchema(files);
  }
}
