package dev.strata.prisma.validate;

import dev.strata.diag.Span;
import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.ModelDecl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Database names of primary keys, unique constraints, indexes and foreign keys: the explicit
 * {@code map:} or the name Prisma derives ({@code User_pkey}, {@code User_email_key}, …), and the
 * checks that they fit in 63 bytes and do not collide.
 */
public final class ConstraintNames {
  /** PostgreSQL's identifier limit, in bytes. */
  public static final int MAX_IDENTIFIER_BYTES = 63;

  private ConstraintNames() {}

  /** {@code {table}_pkey}, the table part cut so that the whole fits in 63 bytes. */
  public static String primaryKey(String table) {
    return truncate(table, MAX_IDENTIFIER_BYTES - 5) + "_pkey";
  }

  /** {@code {table}_{cols}_key}, cut to 59 bytes before the suffix. */
  public static String unique(String table, List<String> columns) {
    return truncate(table + "_" + String.join("_", columns), MAX_IDENTIFIER_BYTES - 4) + "_key";
  }

  /** {@code {table}_{cols}_idx}, cut to 59 bytes before the suffix. */
  public static String index(String table, List<String> columns) {
    return truncate(table + "_" + String.join("_", columns), MAX_IDENTIFIER_BYTES - 4) + "_idx";
  }

  /** {@code {table}_{cols}_fkey} over the constrained columns, cut to 58 bytes before the suffix. */
  public static String foreignKey(String table, List<String> columns) {
    return truncate(table + "_" + String.join("_", columns), MAX_IDENTIFIER_BYTES - 5) + "_fkey";
  }

  /** Cuts a name to at most {@code maxBytes} UTF-8 bytes without splitting a character. */
  public static String truncate(String name, int maxBytes) {
    if (name.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return name;
    }
    StringBuilder out = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + len > maxBytes) {
        break;
      }
      out.appendCodePoint(cp);
      bytes += len;
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  static int byteLength(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** One named database object, for the collision checks. */
  private record Named(String name, String attributeName, Span span, ModelDecl model, boolean foreignKey) {}

  static void validate(ValidationContext ctx) {
    Map<String, List<Named>> global = new LinkedHashMap<>();
    for (ModelDecl model : ctx.schema.models()) {
      if (model.kind() != ModelDecl.Kind.MODEL || ValidationContext.isIgnored(model)) {
        continue;
      }
      String table = ValidationContext.dbName(model);
      String namespace = ValidationContext.schemaOf(model).orElse("");
      List<Named> inModel = new ArrayList<>();
      for (IndexDef def : IndexDef.of(model)) {
        if (def.kind() == IndexDef.Kind.FULLTEXT) {
          continue;
        }
        List<String> columns = def.fields().stream()
            .map(r -> model.field(r.name()).map(ValidationContext::columnName).orElse(r.name()))
            .toList();
        if (def.map().isPresent()) {
          String explicit = def.map().get();
          if (byteLength(explicit) > MAX_IDENTIFIER_BYTES) {
            ctx.error(
                ValidationCodes.CONSTRAINT_NAME_TOO_LONG,
                ValidationContext.modelError(model, "The constraint name '" + explicit + "' specified in the `map` argument for the `"
                    + def.displayName() + "` constraint is too long for your chosen provider. The maximum allowed length is 63 bytes."),
                def.mapExpression().get().span());
            continue;
          }
        }
        String name = def.map().orElseGet(() -> switch (def.kind()) {
          case ID -> primaryKey(table);
          case UNIQUE -> unique(table, columns);
          default -> index(table, columns);
        });
        String attrName = def.displayName();
        Named named = new Named(name, attrName, def.attribute().span(), model, false);
        global.computeIfAbsent(namespace + "\u0000" + name, k -> new ArrayList<>()).add(named);
        inModel.add(named);
      }
      for (FieldDecl field : model.fields()) {
        Optional<Attribute> relation = field.attribute("relation");
        if (relation.isEmpty() || !ctx.isRelationField(field)) {
          continue;
        }
        Optional<Expression> fields = relation.get().named("fields").flatMap(Argument::value);
        if (fields.isEmpty()) {
          continue;
        }
        List<Expression> items = fields.get() instanceof ArrayExpression a ? a.elements() : List.of(fields.get());
        List<String> columns = items.stream()
            .map(Expression::render)
            .map(n -> model.field(n).map(ValidationContext::columnName).orElse(n))
            .toList();
        Optional<Expression> mapExpr = relation.get().named("map").flatMap(Argument::value);
        Optional<String> map = mapExpr.flatMap(ValidationContext::stringValue);
        if (map.isPresent() && byteLength(map.get()) > MAX_IDENTIFIER_BYTES) {
          ctx.error(
              ValidationCodes.CONSTRAINT_NAME_TOO_LONG,
              ValidationContext.modelError(model, "The constraint name '" + map.get()
                  + "' specified in the `map` argument for the `@relation` constraint is too long for your chosen provider. The maximum allowed length is 63 bytes."),
              mapExpr.get().span());
          continue;
        }
        inModel.add(new Named(map.orElseGet(() -> foreignKey(table, columns)), "@relation", relation.get().span(), model, true));
      }
      checkModelScope(ctx, model, inModel);
    }
    for (List<Named> group : global.values()) {
      if (group.size() < 2) {
        continue;
      }
      for (Named n : group) {
        ctx.error(
            ValidationCodes.CONSTRAINT_NAME_COLLISION,
            ValidationContext.attributeError(n.attributeName().substring(1), "The given constraint name `" + n.name()
                + "` has to be unique in the following namespace: global for primary key, indexes and unique constraints. Please provide a different name using the `map` argument."),
            n.span());
      }
    }
  }

  /** Foreign keys share a namespace with the keys and indexes of their own table. */
  private static void checkModelScope(ValidationContext ctx, ModelDecl model, List<Named> inModel) {
    Map<String, List<Named>> byName = new LinkedHashMap<>();
    inModel.forEach(n -> byName.computeIfAbsent(n.name(), k -> new ArrayList<>()).add(n));
    for (List<Named> group : byName.values()) {
      if (group.size() < 2 || group.stream().noneMatch(Named::foreignKey)) {
        continue;
      }
      for (Named n : group) {
        ctx.error(
            ValidationCodes.CONSTRAINT_NAME_COLLISION,
            ValidationContext.attributeError(n.attributeName().substring(1), "The given constraint name `" + n.name()
                + "` has to be unique in the following namespace: on model `" + model.name().name()
                + "` for primary key, indexes, unique constraints and foreign keys. Please provide a different name using the `map` argument."),
            n.span());
      }
    }
  }
}
