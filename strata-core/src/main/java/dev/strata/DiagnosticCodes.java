package dev.strata;

import dev.strata.migrate.MigrateCodes;
import dev.strata.prisma.PrismaCodes;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every diagnostic code Strata can report, across families ({@code PS} schema, {@code MG} migrate, …). */
public final class DiagnosticCodes {
  private static final Map<String, String> ALL;

  static {
    Map<String, String> all = new TreeMap<>();
    all.putAll(MigrateCodes.all());
    all.putAll(PrismaCodes.all());
    ALL = Collections.unmodifiableMap(all);
  }

  private DiagnosticCodes() {}

  /** Every code with its one-line description, in code order. */
  public static Map<String, String> all() {
    return ALL;
  }

  public static Optional<String> describe(String code) {
    return Optional.ofNullable(ALL.get(code.trim().toUpperCase(Locale.ROOT)));
  }
}
