package dev.strata.prisma.pull;

/**
 * How {@link PrismaIntrospection} renders a database as a Prisma schema.
 *
 * @param force ignore the existing schema's names and layout and render the database afresh (the
 *     configuration blocks are still kept), like {@code prisma db pull --force}
 * @param commentsAsDocumentation render table and column comments as {@code ///} documentation;
 *     Prisma 7 only warns about them, so this is off by default
 * @param newFileName the file new models and enums go to when the existing schema has several
 *     files (Prisma's {@code introspected.prisma}); with one file, everything goes to that file
 */
public record PullOptions(boolean force, boolean commentsAsDocumentation, String newFileName) {

  public PullOptions {
    newFileName = newFileName == null || newFileName.isBlank() ? "introspected.prisma" : newFileName;
  }

  /** Re-introspection, Prisma's warnings only, {@code introspected.prisma} for new items. */
  public static PullOptions defaults() {
    return new PullOptions(false, false, "introspected.prisma");
  }

  public PullOptions withForce(boolean newForce) {
    return new PullOptions(newForce, commentsAsDocumentation, newFileName);
  }

  public PullOptions withCommentsAsDocumentation(boolean docs) {
    return new PullOptions(force, docs, newFileName);
  }
}
