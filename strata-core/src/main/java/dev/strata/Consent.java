package dev.strata;

/**
 * What the person (or program) behind a front end agreed to, for the second phase of an operation
 * that destroys data (see {@code docs/operations.md}): the operation refuses, and changes nothing,
 * when its preview calls for a consent that is not given here.
 *
 * @param acceptDataLoss the preview's data-loss warnings are accepted (a column or table with rows
 *     dropped, a type narrowed)
 * @param dropData everything the preview lists for a reset may be dropped (tables with their rows)
 */
public record Consent(boolean acceptDataLoss, boolean dropData) {
  /** Nothing agreed to: an operation with anything to confirm refuses. */
  public static final Consent NONE = new Consent(false, false);

  /** The data-loss warnings are accepted. */
  public static Consent dataLoss() {
    return new Consent(true, false);
  }

  /** What a reset drops may be dropped (and, with it, any data loss the rest of the operation brings). */
  public static Consent reset() {
    return new Consent(true, true);
  }

  public Consent withDataLoss(boolean accepted) {
    return new Consent(accepted, dropData);
  }

  public Consent withDropData(boolean accepted) {
    return new Consent(acceptDataLoss, accepted);
  }
}
