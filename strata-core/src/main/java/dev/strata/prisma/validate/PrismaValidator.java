package dev.strata.prisma.validate;

import dev.strata.diag.Diagnostics;
import dev.strata.prisma.ast.PrismaSchema;

/**
 * The Prisma schema validator: checks a parsed schema against Prisma's rules for PostgreSQL.
 *
 * <p>It works in Prisma's stages: configuration blocks, names, field types and attributes are
 * always checked (each skipping what it cannot resolve); relations and the connector-level rules
 * only on a schema without earlier errors, the parser's included. Diagnostics carry the stage as
 * their report phase, so that {@link Diagnostics#inReportOrder()} lists them in Prisma's order.
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

  // Report phases, in Prisma's order: syntax (0, the parser), then its validation stages.
  static final int NAMES = 1;
  static final int TYPES = 2;
  static final int ATTRIBUTES = 3;
  static final int CONFIGURATION = 4;
  static final int DATABASE_NAMES = 5;
  static final int LAST_STAGE = 6;

  private static void run(PrismaSchema schema, Diagnostics diagnostics) {
    ValidationContext ctx = new ValidationContext(schema, diagnostics);
    // The configuration is read first (later stages need its provider and preview features) but
    // reported after the attributes, where Prisma reports it.
    diagnostics.phase(CONFIGURATION);
    ConfigValidator config = new ConfigValidator(ctx);
    config.validate();
    config.checkPreviewFeatures();

    // As in Prisma, names, types and attributes are checked even when an earlier stage (or the
    // parser) found errors; each skips what it cannot resolve.
    diagnostics.phase(NAMES);
    new NameValidator(ctx).validate();
    diagnostics.phase(TYPES);
    new TypeValidator(ctx).validate();
    if (ctx.unsupportedProvider) {
      return;
    }
    diagnostics.phase(ATTRIBUTES);
    new AttributeValidator(ctx).validate();
    RelationGraph graph = RelationGraph.of(schema);
    RelationValidator.validateAttributes(schema, graph, diagnostics);
    if (diagnostics.hasErrors()) {
      return;
    }
    // Relation rules and connector rules form Prisma's last stage together: neither holds the other back.
    diagnostics.phase(LAST_STAGE);
    RelationValidator.validateRelations(schema, graph, diagnostics);
    new SchemaRules(ctx).validate();
  }
}
