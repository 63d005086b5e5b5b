package dev.strata.prisma.pull;

import java.util.List;
import java.util.Map;

/** Prisma's names for PostgreSQL operator classes ({@code jsonb_path_ops} → {@code JsonbPathOps}); others as {@code raw("…")}. */
final class OperatorClasses {
  private OperatorClasses() {}

  private static final Map<String, String> SPECIAL = Map.of(
      "inet_ops", "InetOps",
      "jsonb_ops", "JsonbOps",
      "jsonb_path_ops", "JsonbPathOps",
      "array_ops", "ArrayOps",
      "text_ops", "TextOps");

  /** The type prefixes of the BRIN operator class families Prisma names. */
  private static final List<String> TYPES = List.of(
      "Bit", "VarBit", "Bpchar", "Bytea", "Date", "Float4", "Float8", "Inet", "Int2", "Int4", "Int8", "Numeric",
      "Oid", "Text", "Timestamp", "TimestampTz", "Time", "TimeTz", "Uuid");

  private static final String[][] FAMILIES = {
    {"_minmax_multi_ops", "MinMaxMultiOps"},
    {"_minmax_ops", "MinMaxOps"},
    {"_bloom_ops", "BloomOps"},
  };

  static String prismaName(String sqlName) {
    String special = SPECIAL.get(sqlName);
    if (special != null) {
      return special;
    }
    for (String[] family : FAMILIES) {
      if (sqlName.endsWith(family[0])) {
        String prefix = sqlName.substring(0, sqlName.length() - family[0].length());
        for (String type : TYPES) {
          if (type.equalsIgnoreCase(prefix)) {
            return type + family[1];
          }
        }
      }
    }
    return "raw(" + IntrospectedNames.quote(sqlName) + ")";
  }
}
