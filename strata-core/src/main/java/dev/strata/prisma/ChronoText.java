package dev.strata.prisma;

/**
 * How Prisma's engines (Rust's chrono) print fractional seconds: nothing when zero, else 3, 6 or
 * 9 digits, the fewest that keep the value exact. Used wherever Strata reproduces Prisma's text.
 */
public final class ChronoText {
  private ChronoText() {}

  /** {@code ""}, {@code ".123"}, {@code ".123456"} or {@code ".123456789"}. */
  public static String fraction(int nanos) {
    if (nanos == 0) {
      return "";
    }
    if (nanos % 1_000_000 == 0) {
      return String.format(".%03d", nanos / 1_000_000);
    }
    if (nanos % 1_000 == 0) {
      return String.format(".%06d", nanos / 1_000);
    }
    return String.format(".%09d", nanos);
  }
}
