package dev.strata.backup;

import java.util.List;

/**
 * What {@code backup prune} keeps, and why, and what it deletes.
 *
 * @param keep each kept backup with the rules that keep it ({@code daily 2026-12-07}, {@code newest verified backup}…)
 * @param delete the backups no rule keeps, and runs that never finished
 */
public record PrunePlan(List<Decision> keep, List<Decision> delete) {
  /** A backup and the reasons for what happens to it. */
  public record Decision(String id, String label, List<String> reasons) {}
}
