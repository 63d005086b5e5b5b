package dev.strata.prisma;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * How Prisma's engines read a {@code Decimal} default written as a string ({@code "2.00"},
 * {@code "1e3"}) and print it in SQL: the same grammar and error texts as the Rust big-decimal
 * parser they use, and the plain rendering ({@code 1000}, {@code -0.50}, {@code 0.01}).
 */
public final class DecimalText {
  private DecimalText() {}

  /** A parsed decimal: either its SQL text or the reason it does not parse (Rust's error text). */
  public record Parsed(BigDecimal value, String error) {
    public boolean ok() {
      return value != null;
    }

    /** The value as Prisma prints it in SQL: plain digits, the written scale kept ({@code 2.00}). */
    public String sql() {
      return value.signum() == 0 && value.scale() <= 0 ? "0" : value.toPlainString();
    }
  }

  private static final int MAX_EXPONENT = 100_000;

  /** Parses {@code text} the way Prisma does: {@code [+-]digits[.digits][(e|E)[+-]digits]}, underscores allowed. */
  public static Parsed parse(String text) {
    long exponent = 0;
    String base = text;
    int e = firstExponentMarker(text);
    if (e >= 0) {
      base = text.substring(0, e);
      String exp = text.substring(e + 1);
      if (exp.startsWith("+")) {
        exp = exp.substring(1);
      }
      String problem = i64Problem(exp);
      if (problem != null) {
        return new Parsed(null, problem);
      }
      try {
        exponent = Long.parseLong(exp.startsWith("+") ? exp.substring(1) : exp);
      } catch (NumberFormatException tooBig) {
        return new Parsed(null, exp.startsWith("-") ? "number too small to fit in target type" : "number too large to fit in target type");
      }
    }
    if (base.isEmpty()) {
      return new Parsed(null, "Failed to parse empty string");
    }
    int dot = base.indexOf('.');
    String digits = dot < 0 ? base : base.substring(0, dot) + base.substring(dot + 1);
    long fractionDigits = dot < 0 ? 0 : base.length() - dot - 1;
    boolean negative = false;
    if (digits.startsWith("-")) {
      negative = true;
      digits = digits.substring(1);
      if (digits.startsWith("+")) {
        return new Parsed(null, "invalid digit found in string");
      }
    }
    if (digits.startsWith("+") && !digits.startsWith("++")) {
      digits = digits.substring(1);
    }
    if (digits.isEmpty()) {
      return new Parsed(null, "cannot parse integer from empty string");
    }
    if (digits.startsWith("_")) {
      return new Parsed(null, "invalid digit found in string");
    }
    StringBuilder clean = new StringBuilder();
    for (char c : digits.toCharArray()) {
      if (c == '_') {
        continue;
      }
      if (c < '0' || c > '9') {
        return new Parsed(null, "invalid digit found in string");
      }
      clean.append(c);
    }
    if (clean.length() == 0) {
      clean.append('0');
    }
    long scale = fractionDigits - exponent;
    if (Math.abs(scale) > MAX_EXPONENT) {
      // Beyond any PostgreSQL numeric; kept parseable, rendered in scientific form.
      scale = Math.max(-MAX_EXPONENT, Math.min(MAX_EXPONENT, scale));
    }
    BigInteger unscaled = new BigInteger(clean.toString());
    return new Parsed(new BigDecimal(negative ? unscaled.negate() : unscaled, (int) scale), null);
  }

  private static int firstExponentMarker(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 'e' || c == 'E') {
        return i;
      }
    }
    return -1;
  }

  /** Rust's {@code i64::from_str} errors, before the value's range is checked. */
  private static String i64Problem(String text) {
    if (text.isEmpty()) {
      return "cannot parse integer from empty string";
    }
    String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
    if (digits.isEmpty()) {
      return "invalid digit found in string";
    }
    for (char c : digits.toCharArray()) {
      if (c < '0' || c > '9') {
        return "invalid digit found in string";
      }
    }
    return null;
  }
}
