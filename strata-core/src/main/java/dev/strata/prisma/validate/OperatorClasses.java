package dev.strata.prisma.validate;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL operator classes Prisma knows for {@code ops:} in index fields: which index type each
 * belongs to and which Prisma scalar and native type its field must have.
 */
final class OperatorClasses {
  private OperatorClasses() {}

  /**
   * One operator class. {@code nativeType} is the native type the field must have; {@code
   * nativeIsDefault} says the scalar's default column type is that type (no {@code @db} needed).
   */
  record OpClass(String name, String indexType, Optional<String> scalar, Optional<String> nativeType, boolean nativeIsDefault) {}

  static final Map<String, OpClass> ALL = new HashMap<>();

  private static void add(String name, String indexType, String scalar, String nativeType, boolean nativeIsDefault) {
    ALL.put(name, new OpClass(name, indexType, Optional.ofNullable(scalar), Optional.ofNullable(nativeType), nativeIsDefault));
  }

  private static void brin(String prefix, String scalar, String nativeType, boolean isDefault, Set<String> variants) {
    for (String v : variants) {
      add(prefix + v, "Brin", scalar, nativeType, isDefault);
    }
  }

  static {
    add("InetOps", "Gist|SpGist", "String", "Inet", false);
    add("JsonbOps", "Gin", "Json", null, true);
    add("JsonbPathOps", "Gin", "Json", null, true);
    add("ArrayOps", "Gin", null, null, true);
    add("TextOps", "SpGist", "String", null, true);
    Set<String> all = Set.of("BloomOps", "MinMaxOps", "MinMaxMultiOps");
    Set<String> bloomMinMax = Set.of("BloomOps", "MinMaxOps");
    brin("Bit", "String", "Bit", false, Set.of("MinMaxOps"));
    brin("VarBit", "String", "VarBit", false, Set.of("MinMaxOps"));
    brin("Bpchar", "String", "Char", false, bloomMinMax);
    brin("Bytea", "Bytes", "ByteA", true, bloomMinMax);
    brin("Date", "DateTime", "Date", false, all);
    brin("Float4", "Float", "Real", false, all);
    brin("Float8", "Float", "DoublePrecision", true, all);
    brin("Inet", "String", "Inet", false, all);
    add("InetInclusionOps", "Brin", "String", "Inet", false);
    brin("Int2", "Int", "SmallInt", false, all);
    brin("Int4", "Int", "Integer", true, all);
    brin("Int8", "BigInt", "BigInt", true, all);
    brin("Numeric", "Decimal", "Decimal", true, all);
    brin("Oid", "Int", "Oid", false, all);
    brin("Text", "String", "Text", true, bloomMinMax);
    brin("Timestamp", "DateTime", "Timestamp", true, all);
    brin("TimestampTz", "DateTime", "Timestamptz", false, all);
    brin("Time", "DateTime", "Time", false, all);
    brin("TimeTz", "DateTime", "Timetz", false, all);
    brin("Uuid", "String", "Uuid", false, all);
  }

  static boolean isKnown(String name) {
    return ALL.containsKey(name);
  }

  /** How Prisma prints the class in messages (it prints UuidMinMaxMultiOps as BitMinMaxOps). */
  static String display(String name) {
    return name.equals("UuidMinMaxMultiOps") ? "BitMinMaxOps" : name;
  }
}
