package dev.strata.prisma.pull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prisma's introspection warning texts, and the grouping of affected items under one message each. */
final class Warnings {
  private Warnings() {}

  static final String NO_UNIQUE_IDENTIFIER =
      "The following models were ignored as they do not have a valid unique identifier or id. This is currently not supported by Prisma Client:";
  static final String UNSUPPORTED_TYPE =
      "These fields are not supported by Prisma Client, because Prisma currently does not support their types:";
  static final String COMMENTS =
      "These objects have comments defined in the database, which is not yet fully supported. Read more: https://pris.ly/d/database-comments";
  static final String DUPLICATE_NAMES = "These items were renamed due to their names being duplicates in the Prisma schema:";
  static final String REMAPPED_FIELDS = "These fields were enriched with `@map` information taken from the previous Prisma schema:";
  static final String REMAPPED_MODELS = "These models were enriched with `@@map` information taken from the previous Prisma schema:";
  static final String REMAPPED_ENUM_VALUES =
      "These enum values were enriched with `@map` information taken from the previous Prisma schema:";
  static final String REMAPPED_ENUMS = "These enums were enriched with `@@map` information taken from the previous Prisma schema:";
  static final String CHECK_CONSTRAINTS =
      "These constraints are not supported by Prisma Client, because Prisma currently does not fully support check constraints. Read more: https://pris.ly/d/check-constraints";
  static final String EXPRESSION_INDEXES =
      "These indexes are not supported by Prisma Client, because Prisma currently does not fully support expression indexes. Read more: https://pris.ly/d/expression-indexes";
  static final String INVALID_FIELD_NAMES =
      "These fields were commented out because their names are currently not supported by Prisma. Please provide valid ones that match [a-zA-Z][a-zA-Z0-9_]* using the `@map` attribute:";
  static final String INVALID_ENUM_VALUES =
      "These enum values were commented out because their names are currently not supported by Prisma. Please provide valid ones that match [a-zA-Z][a-zA-Z0-9_]* using the `@map` attribute:";
  static final String PARTIAL_INDEXES =
      "These partial indexes were left out because they need the `partialIndexes` preview feature in the generator block:";
  static final String EMPTY_MODELS =
      "The following models were commented out as we could not retrieve columns for them. Please check your privileges:";

  /** Prisma's order of warning kinds (the order its CLI prints them in). */
  private static final List<String> ORDER = List.of(
      EMPTY_MODELS, NO_UNIQUE_IDENTIFIER, UNSUPPORTED_TYPE, INVALID_FIELD_NAMES, INVALID_ENUM_VALUES,
      REMAPPED_FIELDS, REMAPPED_MODELS, REMAPPED_ENUM_VALUES, REMAPPED_ENUMS, DUPLICATE_NAMES,
      CHECK_CONSTRAINTS, EXPRESSION_INDEXES, PARTIAL_INDEXES, COMMENTS);

  static PullWarning of(String message, String item) {
    return new PullWarning(code(message), message, List.of(item));
  }

  /** A short stable identifier per warning kind. */
  static String code(String message) {
    int i = ORDER.indexOf(message);
    return i < 0 ? "PULL" : String.format("PULL%02d", i + 1);
  }

  /** One warning per message, affected items in the order found, messages in Prisma's order. */
  static List<PullWarning> merge(List<PullWarning> warnings) {
    Map<String, List<String>> byMessage = new LinkedHashMap<>();
    for (String message : ORDER) {
      byMessage.put(message, new ArrayList<>());
    }
    for (PullWarning w : warnings) {
      byMessage.computeIfAbsent(w.message(), m -> new ArrayList<>()).addAll(w.affected());
    }
    List<PullWarning> out = new ArrayList<>();
    byMessage.forEach((message, items) -> {
      if (!items.isEmpty()) {
        List<String> sorted = new ArrayList<>(items);
        if (message.equals(DUPLICATE_NAMES) || message.startsWith("These models were enriched") || message.startsWith("These enums were enriched")) {
          sorted.sort(null);
        }
        out.add(new PullWarning(code(message), message, sorted));
      }
    });
    return out;
  }
}
