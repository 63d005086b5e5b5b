package dev.strata.compare;

import dev.strata.diag.SourceFile;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import java.util.List;

/**
 * Whether a database already is what a Prisma schema describes: no change between the two, as
 * {@code migrate diff} would see them. {@code db pull} then has nothing to bring in and leaves the
 * user's file byte for byte as it is, instead of rewriting it in introspection's order (Prisma
 * rewrites it: fields in column order, enums after the models, free comments dropped).
 */
public final class SchemaMatch {
  private SchemaMatch() {}

  /**
   * Whether {@code database} (introspected, its default schema {@code defaultSchema}) matches the
   * schema of {@code files}; false when the schema has errors.
   */
  public static boolean databaseMatches(DatabaseSchema database, List<SourceFile> files, String defaultSchema) {
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(files);
    if (checked.hasErrors()) {
      return false;
    }
    DatabaseSchema described = PrismaLowering.lower(checked.schema(), defaultSchema);
    DatabaseSchema seen = PrismaVisibility.of(database, PrismaVisibility.previewFeatures(checked.schema()));
    return Comparison.of(seen, described).isEmpty();
  }
}
