package dev.strata;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Strata#reset(ResetPreview, Consent)} would do ({@code migrate reset}), as {@link
 * Strata#previewReset()} found it; nothing is changed by the preview.
 *
 * @param database the database (its URL, password masked)
 * @param defaultSchema the URL's schema (where the history table lives; tables in it are shown unqualified)
 * @param schemas the schemas dropped and created again empty (the Prisma schema's {@code schemas},
 *     else the URL's schema)
 * @param dropped every table they hold (the history table included), in name order, with its row count
 * @param migrations the migrations applied again afterwards, in order
 */
public record ResetPreview(String database, String defaultSchema, List<String> schemas, List<TableRows> dropped, List<String> migrations) {
  public ResetPreview {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(defaultSchema, "defaultSchema");
    schemas = List.copyOf(schemas);
    dropped = List.copyOf(dropped);
    migrations = List.copyOf(migrations);
  }

  /** Whether the reset loses data: some table it drops holds rows. */
  public boolean losesData() {
    return dropped.stream().anyMatch(t -> t.rows() > 0);
  }
}
