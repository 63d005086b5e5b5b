package dev.strata.prisma.validate;

import dev.strata.diag.Diagnostics;
import dev.strata.prisma.ast.PrismaSchema;

/**
 * The Prisma schema validator: checks a parsed schema against Prisma's rules for PostgreSQL.
 *
 * <p>It works in Prisma's stages so that one mistake does not cascade: configuration blocks and
 * names are always checked; field types only when names are sound; attributes only when types
 * are; relations and the connector-level rules only on a schema without earlier errors. Errors
 * the parser already reported count as earlier errors.
 */
public final class PrismaValidator {
  private PrismaValidator() {}

  /** Validates a parsed schema; never throws; adds every problem found to {@code diagnostics}. */
  public static void validate(PrismaSchema schema, Diagnostics diagnostics) {
    try {
      run(schema, diagnostics);
    } catch (RuntimeException e) {
      // A validator bug must not take the caller down; report it as a diagnostic instead.
      schema.files().stream().findFirst().ifPresent(f -> diagnostics.error(
          ValidationCodes.INTERNAL_ERROR,
          "Internal validator error (" + e + "); the schema may have problems that were not reported.",
          new dev.strata.diag.Span(f.source(), 0, 0)));
    }
  }

  private static void run(PrismaSchema schema, Diagnostics diagnostics) {
    boolean parseErrors = diagnostics.hasErrors();
    ValidationContext ctx = new ValidationContext(schema, diagnostics);
    ConfigValidator config = new ConfigValidator(ctx);
    config.validate();
    config.checkPreviewFeatures();
    long configErrors = diagnostics.errorCount();

    new NameValidator(ctx).validate();
    if (diagnostics.errorCount() > configErrors || parseErrors) {
      return;
    }
    new TypeValidator(ctx).validate();
    if (diagnostics.errorCount() > configErrors || ctx.unsupportedProvider) {
      return;
    }
    new AttributeValidator(ctx).validate();
    RelationGraph graph = RelationGraph.of(schema);
    RelationValidator.validateAttributes(schema, graph, diagnostics);
    if (diagnostics.hasErrors()) {
      return;
    }
    // Relation rules and connector rules form Prisma's last stage together: neither holds the other back.
    RelationValidator.validateRelations(schema, graph, diagnostics);
    new SchemaRules(ctx).validate();
  }
}
