package dev.strata.prisma.lower;

import java.util.Locale;
import java.util.Map;

/**
 * The PostgreSQL spelling of Prisma's built-in operator classes ({@code JsonbPathOps} →
 * {@code jsonb_path_ops}, {@code Int4MinMaxMultiOps} → {@code int4_minmax_multi_ops}).
 */
final class OperatorClassNames {
  private OperatorClassNames() {}

  /** The classes whose SQL name is not derived from the type prefix and BRIN family. */
  private static final Map<String, String> SPECIAL = Map.of(
      "InetOps", "inet_ops",
      "JsonbOps", "jsonb_ops",
      "JsonbPathOps", "jsonb_path_ops",
      "ArrayOps", "array_ops",
      "TextOps", "text_ops",
      "InetInclusionOps", "inet_inclusion_ops");

  /** BRIN families by Prisma suffix, longest first so that {@code MinMaxMultiOps} wins over {@code MinMaxOps}. */
  private static final String[][] FAMILIES = {
    {"MinMaxMultiOps", "_minmax_multi_ops"},
    {"MinMaxOps", "_minmax_ops"},
    {"BloomOps", "_bloom_ops"},
  };

  /** The SQL name of a Prisma operator class; an unknown name lowercased (validation reports it). */
  static String sqlName(String prismaName) {
    String special = SPECIAL.get(prismaName);
    if (special != null) {
      return special;
    }
    for (String[] family : FAMILIES) {
      if (prismaName.endsWith(family[0]) && prismaName.length() > family[0].length()) {
        String type = prismaName.substring(0, prismaName.length() - family[0].length());
        return type.toLowerCase(Locale.ROOT) + family[1];
      }
    }
    return prismaName.toLowerCase(Locale.ROOT);
  }
}
