package dev.strata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Strata#down(DownPreview, Consent)} would do ({@code migrate down}), as {@link
 * Strata#previewDown(DownTarget)} found it; nothing is changed by the preview.
 *
 * @param target which migrations are undone
 * @param steps the down migrations to run, newest first (empty: nothing to roll back)
 * @param dataLoss the tables and columns the downs drop, each with the migration that drops it
 *     (running them needs {@link Consent#acceptDataLoss()})
 * @param refusal why nothing can be rolled back (a down.sql missing, irreversible or stale), with
 *     every problem listed
 */
public record DownPreview(DownTarget target, List<Step> steps, List<String> dataLoss, Optional<String> refusal) {
  public DownPreview {
    Objects.requireNonNull(target, "target");
    steps = List.copyOf(steps);
    dataLoss = List.copyOf(dataLoss);
    Objects.requireNonNull(refusal, "refusal");
  }

  /** The migrations undone, newest first. */
  public List<String> migrations() {
    return steps.stream().map(Step::migration).toList();
  }

  /** One down migration: its migration's name and its {@code down.sql} (empty when the preview refuses). */
  public record Step(String migration, String sql) {
    public Step {
      Objects.requireNonNull(migration, "migration");
      Objects.requireNonNull(sql, "sql");
    }
  }
}
