package dev.strata.prisma.lower;

import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.BlockAttribute;
import dev.strata.prisma.ast.ConstantValue;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.FunctionCall;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.ast.NumericLiteral;
import dev.strata.prisma.ast.ObjectExpression;
import dev.strata.prisma.ast.StringLiteral;
import dev.strata.prisma.validate.ConstraintNames;
import dev.strata.schema.Index;
import dev.strata.schema.IndexColumn;
import dev.strata.schema.PrimaryKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Lowers a model's {@code @id}/{@code @@id}, {@code @unique}/{@code @@unique} and {@code @@index}
 * to a primary key and indexes with Prisma's names.
 *
 * <p>Index order is the order Prisma creates them in (its {@code CreateIndex} steps of a new table):
 * field-level {@code @unique} in field order, then every {@code @@index} in declaration order, then
 * every {@code @@unique} in declaration order, even when a {@code @@unique} is written before an
 * {@code @@index}.
 */
final class IndexLowering {
  private IndexLowering() {}

  /** The primary key of a model: {@code @id} on a field, else {@code @@id}. */
  static Optional<PrimaryKey> primaryKey(ModelDecl model, String table) {
    for (FieldDecl field : model.fields()) {
      Optional<Attribute> id = field.attribute("id");
      if (id.isPresent()) {
        String name = mapArgument(id.get()).orElseGet(() -> ConstraintNames.primaryKey(table));
        return Optional.of(new PrimaryKey(name, List.of(LoweringContext.columnName(field))));
      }
    }
    return LoweringContext.blockAttribute(model, "id").map(b -> {
      List<String> columns = fieldRefs(b.attribute()).stream().map(r -> LoweringContext.columnName(model, r.name())).toList();
      String name = mapArgument(b.attribute()).orElseGet(() -> ConstraintNames.primaryKey(table));
      return new PrimaryKey(name, columns);
    });
  }

  /** The model's indexes and unique indexes, in Prisma's creation order. */
  static List<Index> indexes(ModelDecl model, String table) {
    List<Index> out = new ArrayList<>();
    for (FieldDecl field : model.fields()) {
      for (Attribute unique : field.attributes("unique")) {
        String column = LoweringContext.columnName(field);
        IndexColumn key = new IndexColumn(column, false, sort(unique.named("sort")), operatorClass(unique.named("ops")));
        String name = mapArgument(unique).orElseGet(() -> ConstraintNames.unique(table, List.of(column)));
        out.add(new Index(name, true, List.of(key), method(unique), predicate(model, unique), false));
      }
    }
    for (BlockAttribute b : model.blockAttributes()) {
      if (b.name().equals("index")) {
        out.add(blockIndex(model, table, b.attribute(), false));
      }
    }
    for (BlockAttribute b : model.blockAttributes()) {
      if (b.name().equals("unique")) {
        out.add(blockIndex(model, table, b.attribute(), true));
      }
    }
    return out;
  }

  private static Index blockIndex(ModelDecl model, String table, Attribute attribute, boolean unique) {
    List<IndexColumn> keys = new ArrayList<>();
    for (FieldRef ref : fieldRefs(attribute)) {
      keys.add(new IndexColumn(
          LoweringContext.columnName(model, ref.name()), false, sort(ref.argument("sort")), operatorClass(ref.argument("ops"))));
    }
    List<String> columns = keys.stream().map(IndexColumn::name).toList();
    Optional<String> map = mapArgument(attribute);
    if (map.isEmpty() && !unique) {
      // On @@index, `name:` is the legacy spelling of `map:`; on @@unique it is only the client name.
      map = attribute.named("name").flatMap(Argument::value).flatMap(LoweringContext::stringValue);
    }
    String name = map.orElseGet(() -> unique ? ConstraintNames.unique(table, columns) : ConstraintNames.index(table, columns));
    return new Index(name, unique, keys, method(attribute), predicate(model, attribute), false);
  }

  private static Optional<String> mapArgument(Attribute attribute) {
    return attribute.named("map").flatMap(Argument::value).flatMap(LoweringContext::stringValue);
  }

  /** A field named in an index's field list, with its own arguments ({@code sort}, {@code ops}). */
  private record FieldRef(String name, List<Argument> arguments) {
    Optional<Argument> argument(String argName) {
      return arguments.stream().filter(a -> a.name().map(n -> n.name().equals(argName)).orElse(false)).findFirst();
    }
  }

  private static List<FieldRef> fieldRefs(Attribute attribute) {
    Optional<Expression> fields = attribute.named("fields").flatMap(Argument::value)
        .or(() -> attribute.positional(0).flatMap(Argument::value));
    List<FieldRef> refs = new ArrayList<>();
    if (fields.isEmpty()) {
      return refs;
    }
    List<Expression> items = fields.get() instanceof ArrayExpression a ? a.elements() : List.of(fields.get());
    for (Expression item : items) {
      if (item instanceof ConstantValue c) {
        refs.add(new FieldRef(c.name(), List.of()));
      } else if (item instanceof FunctionCall call) {
        refs.add(new FieldRef(call.name().name(), call.arguments().arguments()));
      }
    }
    return refs;
  }

  private static Optional<IndexColumn.SortOrder> sort(Optional<Argument> argument) {
    return argument.flatMap(Argument::value).flatMap(LoweringContext::constant).flatMap(s -> switch (s) {
      case "Asc" -> Optional.of(IndexColumn.SortOrder.ASC);
      case "Desc" -> Optional.of(IndexColumn.SortOrder.DESC);
      default -> Optional.empty();
    });
  }

  /** {@code BTREE} unless {@code type:} says otherwise. */
  private static String method(Attribute attribute) {
    return attribute.named("type").flatMap(Argument::value).flatMap(LoweringContext::constant)
        .map(t -> t.toUpperCase(Locale.ROOT))
        .orElse("BTREE");
  }

  private static Optional<String> operatorClass(Optional<Argument> argument) {
    Optional<Expression> value = argument.flatMap(Argument::value);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.get() instanceof FunctionCall call && call.name().name().equals("raw")) {
      return call.arguments().arguments().stream().findFirst().flatMap(Argument::value).flatMap(LoweringContext::stringValue);
    }
    return LoweringContext.constant(value.get()).map(OperatorClassNames::sqlName);
  }

  /**
   * The {@code WHERE} predicate of a partial index, without the parentheses Prisma's renderer puts
   * around it: a {@code raw("…")} text verbatim, or an object rendered as Prisma does
   * ({@code "col" = 'x' AND "other" IS NULL AND "n" != 3}).
   */
  private static Optional<String> predicate(ModelDecl model, Attribute attribute) {
    Optional<Expression> where = attribute.named("where").flatMap(Argument::value);
    if (where.isEmpty()) {
      return Optional.empty();
    }
    if (where.get() instanceof FunctionCall call && call.name().name().equals("raw")) {
      return call.arguments().arguments().stream().findFirst().flatMap(Argument::value).flatMap(LoweringContext::stringValue);
    }
    if (!(where.get() instanceof ObjectExpression object) || object.entries().isEmpty()) {
      return Optional.empty();
    }
    List<String> conditions = new ArrayList<>();
    for (ObjectExpression.Entry entry : object.entries()) {
      String column = "\"" + LoweringContext.columnName(model, entry.key().name()) + "\"";
      Expression value = entry.value();
      boolean negated = false;
      if (value instanceof ObjectExpression inner && inner.entries().size() == 1 && inner.entries().get(0).key().name().equals("not")) {
        negated = true;
        value = inner.entries().get(0).value();
      }
      Optional<String> sql = sqlValue(value);
      if (sql.isEmpty()) {
        return Optional.empty();
      }
      if (sql.get().equals("NULL")) {
        conditions.add(column + (negated ? " IS NOT NULL" : " IS NULL"));
      } else {
        conditions.add(column + (negated ? " != " : " = ") + sql.get());
      }
    }
    return Optional.of(String.join(" AND ", conditions));
  }

  private static Optional<String> sqlValue(Expression value) {
    if (value instanceof StringLiteral s) {
      return Optional.of("'" + s.value().replace("'", "''") + "'");
    }
    if (value instanceof NumericLiteral n) {
      return Optional.of(n.text());
    }
    if (value instanceof ConstantValue c) {
      return switch (c.name()) {
        case "true", "false" -> Optional.of(c.name());
        case "null" -> Optional.of("NULL");
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }
}
