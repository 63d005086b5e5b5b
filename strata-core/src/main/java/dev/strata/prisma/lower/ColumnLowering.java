package dev.strata.prisma.lower;

import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.EnumDecl;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.FieldType;
import dev.strata.prisma.ast.NumericLiteral;
import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Lowers one scalar, enum or {@code Unsupported} field to a column: type, nullability, default. */
final class ColumnLowering {
  /** Prisma's default column type per scalar ({@code SCALAR_TYPE_DEFAULTS} for PostgreSQL). */
  private static final Map<String, ColumnType> SCALAR_DEFAULTS = Map.of(
      "String", ColumnType.builtin("TEXT"),
      "Boolean", ColumnType.builtin("BOOLEAN"),
      "Int", ColumnType.builtin("INTEGER"),
      "BigInt", ColumnType.builtin("BIGINT"),
      "Float", ColumnType.builtin("DOUBLE PRECISION"),
      "Decimal", ColumnType.builtin("DECIMAL", 65, 30),
      "DateTime", ColumnType.builtin("TIMESTAMP", 3),
      "Json", ColumnType.builtin("JSONB"),
      "Bytes", ColumnType.builtin("BYTEA"));

  /** The canonical IR name of each PostgreSQL native type ({@code @db.X}). */
  private static final Map<String, String> NATIVE_NAMES = Map.ofEntries(
      Map.entry("Text", "TEXT"),
      Map.entry("VarChar", "VARCHAR"),
      Map.entry("Char", "CHAR"),
      Map.entry("Uuid", "UUID"),
      Map.entry("Xml", "XML"),
      Map.entry("Inet", "INET"),
      Map.entry("Citext", "CITEXT"),
      Map.entry("Bit", "BIT"),
      Map.entry("VarBit", "VARBIT"),
      Map.entry("Integer", "INTEGER"),
      Map.entry("SmallInt", "SMALLINT"),
      Map.entry("Oid", "OID"),
      Map.entry("BigInt", "BIGINT"),
      Map.entry("DoublePrecision", "DOUBLE PRECISION"),
      Map.entry("Real", "REAL"),
      Map.entry("Decimal", "DECIMAL"),
      Map.entry("Money", "MONEY"),
      Map.entry("Boolean", "BOOLEAN"),
      Map.entry("Timestamp", "TIMESTAMP"),
      Map.entry("Timestamptz", "TIMESTAMPTZ"),
      Map.entry("Date", "DATE"),
      Map.entry("Time", "TIME"),
      Map.entry("Timetz", "TIMETZ"),
      Map.entry("Json", "JSON"),
      Map.entry("JsonB", "JSONB"),
      Map.entry("ByteA", "BYTEA"));

  private final LoweringContext ctx;
  private final DefaultLowering defaults;

  ColumnLowering(LoweringContext ctx) {
    this.ctx = ctx;
    this.defaults = new DefaultLowering(ctx);
  }

  /** The column of a field that {@link LoweringContext#isColumn} accepts. */
  Column column(FieldDecl field) {
    ColumnType columnType = type(field);
    // Lists are nullable in Prisma's tables: only the `?` arity and lists leave NOT NULL out.
    boolean nullable = field.type().map(t -> t.arity() != FieldType.Arity.REQUIRED).orElse(false);
    boolean autoincrement = defaults.isAutoincrement(field);
    return new Column(
        LoweringContext.columnName(field),
        columnType,
        nullable,
        autoincrement ? Optional.empty() : defaults.defaultValue(field, columnType),
        autoincrement,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The column type of a field, list arity included. */
  ColumnType type(FieldDecl field) {
    ColumnType base = baseType(field);
    FieldType.Arity arity = field.type().map(FieldType::arity).orElse(FieldType.Arity.REQUIRED);
    boolean list = arity == FieldType.Arity.LIST || arity == FieldType.Arity.OPTIONAL_LIST;
    return list ? base.asArray() : base;
  }

  private ColumnType baseType(FieldDecl field) {
    if (field.type().isEmpty()) {
      return ColumnType.builtin("TEXT");
    }
    FieldType type = field.type().get();
    if (type.isUnsupported()) {
      return ColumnType.unsupported(type.unsupported().get().value());
    }
    String name = type.name().name();
    EnumDecl enumDecl = ctx.enumsByName.get(name);
    if (enumDecl != null) {
      return ColumnType.enumRef(ctx.schemaOf(enumDecl), LoweringContext.dbName(enumDecl));
    }
    Optional<ColumnType> nativeType = nativeAttribute(field).flatMap(ColumnLowering::nativeType);
    return nativeType.orElse(SCALAR_DEFAULTS.getOrDefault(name, ColumnType.builtin("TEXT")));
  }

  /** The field's {@code @<datasource>.X} attribute, if any. */
  private Optional<Attribute> nativeAttribute(FieldDecl field) {
    return field.attributes().stream()
        .filter(a -> a.name().name().indexOf('.') > 0)
        .filter(a -> ctx.datasourceName.map(ds -> a.name().name().startsWith(ds + ".")).orElse(true))
        .findFirst();
  }

  private static Optional<ColumnType> nativeType(Attribute attribute) {
    String full = attribute.name().name();
    String typeName = full.substring(full.indexOf('.') + 1);
    String canonical = NATIVE_NAMES.get(typeName);
    if (canonical == null) {
      return Optional.empty();
    }
    List<Integer> args = new ArrayList<>();
    for (Argument a : attribute.args()) {
      if (a.value().orElse(null) instanceof NumericLiteral n) {
        try {
          args.add(Integer.parseInt(n.text()));
        } catch (NumberFormatException e) {
          // Out-of-range arguments were reported by validation; keep the type without them.
          return Optional.of(ColumnType.builtin(canonical));
        }
      }
    }
    return Optional.of(ColumnType.builtin(canonical, args.toArray(Integer[]::new)));
  }
}
