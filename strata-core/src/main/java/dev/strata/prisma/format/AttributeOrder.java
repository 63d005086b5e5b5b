package dev.strata.prisma.format;

import java.util.List;

/** The canonical order in which Prisma writes attributes; unknown attributes keep their place after these. */
final class AttributeOrder {
  private static final List<String> ORDER =
      List.of("id", "unique", "default", "updatedAt", "index", "fulltext", "map", "relation", "ignore");

  private AttributeOrder() {}

  static int of(String name) {
    int index = ORDER.indexOf(name);
    return index < 0 ? Integer.MAX_VALUE : index;
  }
}
