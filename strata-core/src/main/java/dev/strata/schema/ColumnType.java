package dev.strata.schema;

import java.util.List;
import java.util.Optional;

/**
 * A column's type.
 *
 * <p>Canonical builtin names (what lowering and introspection both produce; the renderer prints
 * them as Prisma does): {@code TEXT, VARCHAR, CHAR, UUID, XML, INET, CITEXT, BIT, VARBIT, INTEGER,
 * SMALLINT, BIGINT, OID, DOUBLE PRECISION, REAL, DECIMAL, MONEY, BOOLEAN, TIMESTAMP, TIMESTAMPTZ,
 * DATE, TIME, TIMETZ, JSON, JSONB, BYTEA}. Serial columns are {@code INTEGER}/{@code
 * SMALLINT}/{@code BIGINT} with {@link Column#autoincrement()}. Prisma's {@code Decimal} default is
 * {@code DECIMAL} [65, 30]; {@code DateTime} is {@code TIMESTAMP} [3]. Any other database type
 * (extension types such as {@code tsvector}, {@code geometry}) is {@link Kind#UNSUPPORTED} with its
 * text as PostgreSQL's {@code format_type} prints it.
 *
 * @param name for {@link Kind#BUILTIN}, the canonical PostgreSQL spelling Prisma renders in upper
 *     case ({@code TEXT}, {@code VARCHAR}, {@code TIMESTAMP}, {@code DOUBLE PRECISION}, {@code
 *     DECIMAL}, {@code JSONB}, …); for {@link Kind#ENUM}, the enum's name; for {@link
 *     Kind#UNSUPPORTED}, the type text exactly as written ({@code tsvector}, {@code geometry(Point,
 *     4326)})
 * @param args type modifiers ({@code VARCHAR(255)} → [255]; {@code DECIMAL(65,30)} → [65, 30])
 * @param enumSchema for an enum, the namespace it lives in
 * @param array a one-dimensional array ({@code TEXT[]})
 */
public record ColumnType(Kind kind, String name, List<Integer> args, Optional<String> enumSchema, boolean array) {

  /** What kind of type this is. */
  public enum Kind {
    BUILTIN,
    ENUM,
    UNSUPPORTED
  }

  public ColumnType {
    args = List.copyOf(args);
  }

  public static ColumnType builtin(String name, Integer... args) {
    return new ColumnType(Kind.BUILTIN, name, List.of(args), Optional.empty(), false);
  }

  public static ColumnType enumRef(String schema, String name) {
    return new ColumnType(Kind.ENUM, name, List.of(), Optional.of(schema), false);
  }

  public static ColumnType unsupported(String text) {
    return new ColumnType(Kind.UNSUPPORTED, text, List.of(), Optional.empty(), false);
  }

  public ColumnType asArray() {
    return new ColumnType(kind, name, args, enumSchema, true);
  }
}
