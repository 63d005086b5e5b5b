package dev.strata.compare;

import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.ConfigBlock;
import dev.strata.prisma.ast.ConfigProperty;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.ast.StringLiteral;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.Index;
import dev.strata.schema.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What Prisma Migrate sees of an introspected database: indexes a Prisma schema cannot express are
 * left out before diffing, as Prisma's own introspection leaves them out, so that indexes added by
 * hand in migrations are not reported as drift.
 *
 * <ul>
 *   <li>Extensions are seen only with the {@code postgresqlExtensions} preview feature (Prisma
 *       7.10 diffing a schema without it against a database holding {@code pgcrypto} prints no
 *       {@code CREATE EXTENSION}).
 *   <li>Expression indexes ({@code USING gin (to_tsvector('english', content))}) are never seen.
 *   <li>Partial indexes ({@code … WHERE …}) are seen only when a Prisma side of the comparison
 *       enables the {@code partialIndexes} preview feature; then a partial index the schema does
 *       not declare is dropped, as Prisma 7.4+ does.
 * </ul>
 *
 * <p>Both rules checked against Prisma 7.10: langfuse's history (six partial unique/plain indexes,
 * one GIN expression index) diffs empty against its schema; with {@code partialIndexes} added to
 * the generator, Prisma drops the six partial indexes and still ignores the expression index.
 */
public final class PrismaVisibility {
  private PrismaVisibility() {}

  /** The preview feature that makes partial indexes visible. */
  public static final String PARTIAL_INDEXES = "partialindexes";

  /** The preview feature that makes extensions visible. */
  public static final String EXTENSIONS = "postgresqlextensions";

  /**
   * {@code schema} without what Prisma does not see when the Prisma sides of the comparison enable
   * {@code previewFeatures} (lower case; see {@link #previewFeatures}).
   */
  public static DatabaseSchema of(DatabaseSchema schema, Set<String> previewFeatures) {
    DatabaseSchema visible = withoutHiddenIndexes(schema, previewFeatures.contains(PARTIAL_INDEXES));
    if (!previewFeatures.contains(EXTENSIONS) && !visible.extensions().isEmpty()) {
      visible = new DatabaseSchema(visible.defaultSchema(), visible.explicitSchemas(), visible.tables(), visible.enums(),
          visible.sequences(), List.of(), visible.views());
    }
    return visible;
  }

  /**
   * {@code database} as Prisma sees it when it is compared with {@code target} (a lowered schema)
   * and the preview features are not known: partial indexes count as visible only when the target
   * declares one, extensions only when it declares any. This errs towards keeping what a user made
   * by hand: {@code db push} and {@code migrate dev} never plan to drop an index or extension that
   * Prisma's schema cannot express.
   */
  public static DatabaseSchema asSeenFor(DatabaseSchema database, DatabaseSchema target) {
    Set<String> implied = new HashSet<>();
    if (target.tables().stream().flatMap(t -> t.indexes().stream()).anyMatch(i -> i.predicate().isPresent())) {
      implied.add(PARTIAL_INDEXES);
    }
    if (!target.extensions().isEmpty()) {
      implied.add(EXTENSIONS);
    }
    return of(database, implied);
  }

  private static DatabaseSchema withoutHiddenIndexes(DatabaseSchema schema, boolean partialIndexes) {
    boolean changed = false;
    List<Table> tables = new java.util.ArrayList<>(schema.tables().size());
    for (Table table : schema.tables()) {
      List<Index> kept = table.indexes().stream().filter(i -> visible(i, partialIndexes)).toList();
      if (kept.size() != table.indexes().size()) {
        changed = true;
        tables.add(table.withIndexes(kept));
      } else {
        tables.add(table);
      }
    }
    return changed ? schema.withTables(tables) : schema;
  }

  /** Whether Prisma sees {@code index}. */
  public static boolean visible(Index index, boolean partialIndexes) {
    if (index.columns().stream().anyMatch(c -> c.expression())) {
      return false;
    }
    return partialIndexes || index.predicate().isEmpty();
  }

  /** The preview features the generators of {@code schema} list, in lower case. */
  public static Set<String> previewFeatures(PrismaSchema schema) {
    Set<String> features = new HashSet<>();
    for (ConfigBlock generator : schema.generators()) {
      Optional<Expression> value = generator.property("previewFeatures").flatMap(ConfigProperty::value);
      List<Expression> items = value.map(v -> v instanceof ArrayExpression a ? a.elements() : List.of(v)).orElse(List.of());
      for (Expression item : items) {
        if (item instanceof StringLiteral s) {
          features.add(s.value().toLowerCase(Locale.ROOT));
        }
      }
    }
    return Set.copyOf(features);
  }
}
