package dev.strata.prisma.lower;

import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.ConfigProperty;
import dev.strata.prisma.ast.EnumDecl;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.FunctionCall;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.schema.Column;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.EnumType;
import dev.strata.schema.Extension;
import dev.strata.schema.Table;
import dev.strata.schema.View;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers a validated Prisma schema to the schema IR: the database Prisma's schema engine would
 * create for it on PostgreSQL.
 *
 * <p>What it produces, and in which order (the order the renderer creates things in):
 * <ul>
 *   <li>tables: one per model in schema order ({@code @@ignore}d models included, as Prisma still
 *       migrates them; views never), then one join table per implicit many-to-many relation;
 *   <li>columns in field order, every scalar, enum and {@code Unsupported} field ({@code @ignore}d
 *       fields included); relation fields have no column;
 *   <li>per table: field-level {@code @unique} indexes in field order, then {@code @@index}, then
 *       {@code @@unique} (see {@link IndexLowering}); foreign keys in field order;
 *   <li>enums in schema order with their database names and values; extensions in the order of the
 *       datasource {@code extensions} list; views as {@link View}s with an empty definition.
 * </ul>
 * Objects live in {@code defaultSchema} unless multiSchema applies ({@code schemas = [...]} in the
 * datasource, then each object's {@code @@schema}).
 */
public final class PrismaLowering {
  /** PostgreSQL's (and Prisma's) namespace when the URL names none. */
  public static final String DEFAULT_SCHEMA = "public";

  private PrismaLowering() {}

  /**
   * The database names of a model: its table ({@code @@map} or its name) and, for each field that
   * becomes a column, the column ({@code @map} or the field's name).
   */
  public record ModelNames(String model, String table, Map<String, String> columns) {
    public ModelNames {
      columns = Map.copyOf(columns);
    }
  }

  /** The database names of every model (not views or types) of {@code schema}, in declaration order. */
  public static List<ModelNames> names(PrismaSchema schema) {
    LoweringContext ctx = new LoweringContext(schema, DEFAULT_SCHEMA);
    List<ModelNames> out = new ArrayList<>();
    for (ModelDecl model : ctx.models) {
      if (model.kind() != ModelDecl.Kind.MODEL) {
        continue;
      }
      Map<String, String> columns = new LinkedHashMap<>();
      for (FieldDecl field : model.fields()) {
        if (ctx.isColumn(field)) {
          columns.put(field.name().name(), LoweringContext.columnName(field));
        }
      }
      out.add(new ModelNames(model.name().name(), LoweringContext.dbName(model), columns));
    }
    return List.copyOf(out);
  }

  /** Lowers {@code schema} with the default namespace {@code public}. */
  public static DatabaseSchema lower(PrismaSchema schema) {
    return lower(schema, DEFAULT_SCHEMA);
  }

  /**
   * Lowers {@code schema}; {@code defaultSchema} is the namespace of the connection URL's
   * {@code ?schema=}. The schema should have passed validation; on an invalid one the result is a
   * best effort, never an exception.
   */
  public static DatabaseSchema lower(PrismaSchema schema, String defaultSchema) {
    if (defaultSchema == null || defaultSchema.isEmpty()) {
      defaultSchema = DEFAULT_SCHEMA;
    }
    LoweringContext ctx = new LoweringContext(schema, defaultSchema);
    ColumnLowering columns = new ColumnLowering(ctx);
    RelationLowering relations = new RelationLowering(ctx, columns);
    List<Table> tables = new ArrayList<>();
    List<View> views = new ArrayList<>();
    for (ModelDecl model : ctx.models) {
      String name = LoweringContext.dbName(model);
      if (model.kind() == ModelDecl.Kind.VIEW) {
        views.add(new View(ctx.schemaOf(model), name, ""));
        continue;
      }
      List<Column> tableColumns = new ArrayList<>();
      for (FieldDecl field : model.fields()) {
        if (ctx.isColumn(field)) {
          tableColumns.add(columns.column(field));
        }
      }
      tables.add(new Table(
          ctx.schemaOf(model),
          name,
          tableColumns,
          IndexLowering.primaryKey(model, name),
          IndexLowering.indexes(model, name),
          relations.foreignKeys(model, name),
          List.of(),
          Optional.empty()));
    }
    tables.addAll(relations.joinTables());
    List<EnumType> enums = new ArrayList<>();
    for (EnumDecl e : ctx.enums) {
      enums.add(new EnumType(ctx.schemaOf(e), LoweringContext.dbName(e), e.values().stream().map(DefaultLowering::enumValueDbName).toList()));
    }
    return new DatabaseSchema(defaultSchema, ctx.explicitSchemas(), tables, enums, List.of(), extensions(ctx), views);
  }

  /** The datasource's {@code extensions = [name, other(schema: "s", version: "v", map: "db")]}. */
  private static List<Extension> extensions(LoweringContext ctx) {
    Optional<Expression> value = ctx.schema.datasource().flatMap(d -> d.property("extensions")).flatMap(ConfigProperty::value);
    if (value.isEmpty()) {
      return List.of();
    }
    List<Expression> items = value.get() instanceof ArrayExpression a ? a.elements() : List.of(value.get());
    List<Extension> out = new ArrayList<>();
    for (Expression item : items) {
      if (item instanceof FunctionCall call) {
        Optional<String> map = call.arguments().arguments().stream()
            .filter(a -> a.name().map(n -> n.name().equals("map")).orElse(false))
            .findFirst().flatMap(a -> a.value()).flatMap(LoweringContext::stringValue);
        out.add(new Extension(map.orElse(call.name().name()), stringArgument(call, "schema"), stringArgument(call, "version")));
      } else {
        LoweringContext.constant(item).ifPresent(name -> out.add(new Extension(name, Optional.empty(), Optional.empty())));
      }
    }
    return out;
  }

  private static Optional<String> stringArgument(FunctionCall call, String name) {
    return call.arguments().arguments().stream()
        .filter(a -> a.name().map(n -> n.name().equals(name)).orElse(false))
        .findFirst()
        .flatMap(a -> a.value())
        .flatMap(LoweringContext::stringValue);
  }
}
