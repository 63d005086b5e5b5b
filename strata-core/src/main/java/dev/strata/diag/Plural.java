package dev.strata.diag;

/** A count with its noun in the right number, for every message that prints one: "1 error", "2 errors". */
public final class Plural {
  private Plural() {}

  /** {@code n} and {@code singular}, with an {@code s} added unless {@code n} is 1. */
  public static String of(long n, String singular) {
    return of(n, singular, singular + "s");
  }

  /** {@code n} and the singular or plural form given. */
  public static String of(long n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }
}
