package dev.strata.prisma.format;

import dev.strata.prisma.ast.PrismaFile;
import dev.strata.prisma.ast.PrismaSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prisma schema formatter: produces the same text as {@code prisma format}, including the
 * relation fields and {@code @relation} arguments that Prisma adds when they are missing.
 */
public final class PrismaFormatter {
  private PrismaFormatter() {}

  /**
   * Formats a whole schema (one or many files); returns the new text of every file, keyed by
   * SourceFile path, in input order. Never throws.
   */
  public static Map<String, String> format(PrismaSchema schema) {
    Additions additions = completions(schema);
    Map<String, String> result = new LinkedHashMap<>();
    for (PrismaFile file : schema.files()) {
      result.put(file.source().path(), formatFile(file, additions));
    }
    return result;
  }

  /** Convenience for a single file. */
  public static String format(PrismaFile file) {
    return format(new PrismaSchema(List.of(file))).getOrDefault(file.source().path(), file.source().text());
  }

  private static Additions completions(PrismaSchema schema) {
    try {
      return RelationCompleter.complete(schema);
    } catch (RuntimeException e) {
      // Completing relations is a convenience; a schema we cannot analyse is still laid out.
      return Additions.NONE;
    }
  }

  private static String formatFile(PrismaFile file, Additions additions) {
    try {
      return new FileFormatter(file, additions).format();
    } catch (RuntimeException e) {
      // The formatter must never fail on user input: an AST it cannot lay out is returned unchanged.
      return file.source().text();
    }
  }
}
