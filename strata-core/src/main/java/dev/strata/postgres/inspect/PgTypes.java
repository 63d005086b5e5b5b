package dev.strata.postgres.inspect;

import dev.strata.schema.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps a column's catalog type (as the tables query reports it) onto the IR's canonical types. */
final class PgTypes {
  private PgTypes() {}

  /** pg_catalog type names ({@code pg_type.typname}) and the canonical names they map to. */
  private static final Map<String, String> BUILTINS = Map.ofEntries(
      Map.entry("text", "TEXT"),
      Map.entry("varchar", "VARCHAR"),
      Map.entry("bpchar", "CHAR"),
      Map.entry("uuid", "UUID"),
      Map.entry("xml", "XML"),
      Map.entry("inet", "INET"),
      Map.entry("bit", "BIT"),
      Map.entry("varbit", "VARBIT"),
      Map.entry("int4", "INTEGER"),
      Map.entry("int2", "SMALLINT"),
      Map.entry("int8", "BIGINT"),
      Map.entry("oid", "OID"),
      Map.entry("float8", "DOUBLE PRECISION"),
      Map.entry("float4", "REAL"),
      Map.entry("numeric", "DECIMAL"),
      Map.entry("money", "MONEY"),
      Map.entry("bool", "BOOLEAN"),
      Map.entry("timestamp", "TIMESTAMP"),
      Map.entry("timestamptz", "TIMESTAMPTZ"),
      Map.entry("date", "DATE"),
      Map.entry("time", "TIME"),
      Map.entry("timetz", "TIMETZ"),
      Map.entry("json", "JSON"),
      Map.entry("jsonb", "JSONB"),
      Map.entry("bytea", "BYTEA"));

  /**
   * The IR type of a column.
   *
   * @param typeText {@code format_type(atttypid, atttypmod)}
   * @param array the column type is an array type
   * @param elemName {@code typname} of the element type (of the type itself when not an array)
   * @param elemSchema the element type's namespace
   * @param elemTypType the element type's {@code typtype} ({@code b} base, {@code e} enum, {@code d}
   *     domain, …)
   */
  static ColumnType columnType(String typeText, boolean array, String elemName, String elemSchema, String elemTypType) {
    String text = typeText == null ? "unknown" : typeText;
    if (elemName == null) {
      return ColumnType.unsupported(text);
    }
    if ("e".equals(elemTypType)) {
      ColumnType enumType = ColumnType.enumRef(elemSchema == null ? "public" : elemSchema, elemName);
      return array ? enumType.asArray() : enumType;
    }
    String canonical = null;
    if ("pg_catalog".equals(elemSchema)) {
      canonical = BUILTINS.get(elemName);
    } else if ("citext".equals(elemName) && "b".equals(elemTypType)) {
      // citext is an extension type, but Prisma knows it natively (@db.Citext), wherever installed.
      canonical = "CITEXT";
    }
    if (canonical == null) {
      // Domains, ranges, extension types and the rest: PostgreSQL's own spelling, brackets included.
      return ColumnType.unsupported(text);
    }
    ColumnType type = new ColumnType(ColumnType.Kind.BUILTIN, canonical, typeArgs(text), Optional.empty(), false);
    return array ? type.asArray() : type;
  }

  /** The numbers inside the first parentheses of a formatted type: {@code numeric(65,30)} → [65, 30]. */
  static List<Integer> typeArgs(String typeText) {
    int open = typeText.indexOf('(');
    int close = open < 0 ? -1 : typeText.indexOf(')', open);
    if (open < 0 || close < 0) {
      return List.of();
    }
    List<Integer> args = new ArrayList<>();
    for (String part : typeText.substring(open + 1, close).split(",")) {
      String trimmed = part.trim();
      if (trimmed.isEmpty() || trimmed.length() > 9 || !trimmed.chars().allMatch(Character::isDigit)) {
        return List.of();
      }
      args.add(Integer.parseInt(trimmed));
    }
    return List.copyOf(args);
  }
}
