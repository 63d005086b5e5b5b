package dev.strata.postgres.render;

import dev.strata.schema.ColumnType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL's default operator classes ({@code pg_opclass.opcdefault}) for the column types a
 * Prisma schema can produce, per index method: what an index key gets when it names none.
 *
 * <p>Read from the catalog of PostgreSQL 15 and 17 (identical for these types). Types PostgreSQL
 * resolves through a binary-coercible type take that type's class ({@code varchar} → {@code
 * text_ops}).
 */
final class PgOperatorClasses {
  private PgOperatorClasses() {}

  /** Our canonical type names → the catalog's short type key used in operator class names. */
  private static final Map<String, String> TYPE_KEYS = Map.ofEntries(
      Map.entry("TEXT", "text"),
      Map.entry("VARCHAR", "text"),
      Map.entry("CHAR", "bpchar"),
      Map.entry("UUID", "uuid"),
      Map.entry("INET", "inet"),
      Map.entry("BIT", "bit"),
      Map.entry("VARBIT", "varbit"),
      Map.entry("INTEGER", "int4"),
      Map.entry("SMALLINT", "int2"),
      Map.entry("BIGINT", "int8"),
      Map.entry("OID", "oid"),
      Map.entry("DOUBLE PRECISION", "float8"),
      Map.entry("REAL", "float4"),
      Map.entry("DECIMAL", "numeric"),
      Map.entry("MONEY", "money"),
      Map.entry("BOOLEAN", "bool"),
      Map.entry("TIMESTAMP", "timestamp"),
      Map.entry("TIMESTAMPTZ", "timestamptz"),
      Map.entry("DATE", "date"),
      Map.entry("TIME", "time"),
      Map.entry("TIMETZ", "timetz"),
      Map.entry("JSONB", "jsonb"),
      Map.entry("BYTEA", "bytea"),
      // types a schema reaches through Unsupported("…"), by their format_type spelling
      Map.entry("tsvector", "tsvector"),
      Map.entry("tsquery", "tsquery"),
      Map.entry("point", "point"),
      Map.entry("box", "box"),
      Map.entry("polygon", "poly"),
      Map.entry("circle", "circle"),
      Map.entry("interval", "interval"),
      Map.entry("macaddr", "macaddr"),
      Map.entry("int4range", "range"),
      Map.entry("int8range", "range"),
      Map.entry("numrange", "range"),
      Map.entry("tsrange", "range"),
      Map.entry("tstzrange", "range"),
      Map.entry("daterange", "range"));

  /** Keys with a default B-tree class {@code <key>_ops}. */
  private static final Set<String> BTREE = Set.of(
      "text", "bpchar", "uuid", "inet", "bit", "varbit", "int4", "int2", "int8", "oid", "float8", "float4",
      "numeric", "money", "bool", "timestamp", "timestamptz", "date", "time", "timetz", "jsonb", "bytea",
      "tsvector", "tsquery", "interval", "macaddr", "range");

  /** Keys with a default hash class {@code <key>_ops} (B-tree's, less bit, varbit, money and text search). */
  private static final Set<String> HASH = Set.of(
      "text", "bpchar", "uuid", "inet", "int4", "int2", "int8", "oid", "float8", "float4", "numeric", "bool",
      "timestamp", "timestamptz", "date", "time", "timetz", "jsonb", "bytea", "interval", "macaddr", "range");

  /** Keys with a default BRIN class {@code <key>_minmax_ops}. */
  private static final Set<String> BRIN_MINMAX = Set.of(
      "text", "bpchar", "uuid", "bit", "varbit", "int4", "int2", "int8", "oid", "float8", "float4", "numeric",
      "timestamp", "timestamptz", "date", "time", "timetz", "bytea", "interval", "macaddr");

  /** Keys whose default BRIN class is the inclusion one ({@code inet_inclusion_ops}). */
  private static final Set<String> BRIN_INCLUSION = Set.of("inet", "box", "range");

  private static final Set<String> GIN = Set.of("jsonb", "tsvector");

  private static final Set<String> GIST = Set.of("tsvector", "tsquery", "box", "point", "poly", "circle", "range");

  private static final Map<String, String> SPGIST = Map.of(
      "inet", "inet_ops", "text", "text_ops", "point", "quad_point_ops", "box", "box_ops", "poly", "poly_ops",
      "range", "range_ops");

  /** The default class of {@code type} under {@code method} ({@code BTREE}, {@code GIN}, …). */
  static Optional<String> defaultFor(String method, ColumnType type) {
    if (method == null || type == null || type.name() == null) {
      return Optional.empty();
    }
    String m = method.toUpperCase(Locale.ROOT);
    if (type.array()) {
      return m.equals("BTREE") || m.equals("HASH") || m.equals("GIN") ? Optional.of("array_ops") : Optional.empty();
    }
    if (type.kind() == ColumnType.Kind.ENUM) {
      return m.equals("BTREE") || m.equals("HASH") ? Optional.of("enum_ops") : Optional.empty();
    }
    String key = TYPE_KEYS.get(type.kind() == ColumnType.Kind.BUILTIN
        ? type.name().toUpperCase(Locale.ROOT)
        : type.name().toLowerCase(Locale.ROOT));
    if (key == null) {
      return Optional.empty();
    }
    return switch (m) {
      case "BTREE" -> BTREE.contains(key) ? Optional.of(key + "_ops") : Optional.empty();
      case "HASH" -> HASH.contains(key) ? Optional.of(key + "_ops") : Optional.empty();
      case "GIN" -> GIN.contains(key) ? Optional.of(key + "_ops") : Optional.empty();
      case "GIST" -> GIST.contains(key) ? Optional.of(key + "_ops") : Optional.empty();
      case "SPGIST" -> Optional.ofNullable(SPGIST.get(key));
      case "BRIN" -> BRIN_MINMAX.contains(key)
          ? Optional.of(key + "_minmax_ops")
          : BRIN_INCLUSION.contains(key) ? Optional.of(key + "_inclusion_ops") : Optional.empty();
      default -> Optional.empty();
    };
  }
}
