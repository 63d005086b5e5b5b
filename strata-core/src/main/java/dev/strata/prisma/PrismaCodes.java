package dev.strata.prisma;

import dev.strata.prisma.parse.ParseCodes;
import dev.strata.prisma.validate.RelationCodes;
import dev.strata.prisma.validate.ValidationCodes;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The catalogue of every schema diagnostic code ({@code PSxxx}), gathered from the registries of
 * the parser, the validator and the relation validator, for {@code strata explain} and the docs.
 */
public final class PrismaCodes {
  private static final Map<String, String> ALL;

  static {
    Map<String, String> all = new TreeMap<>();
    all.putAll(ParseCodes.all());
    all.putAll(ValidationCodes.all());
    all.putAll(RelationCodes.DESCRIPTIONS);
    ALL = Collections.unmodifiableMap(all);
  }

  private PrismaCodes() {}

  /** Every code with its one-line description, in code order. */
  public static Map<String, String> all() {
    return ALL;
  }

  public static Optional<String> describe(String code) {
    return Optional.ofNullable(ALL.get(code.trim().toUpperCase(java.util.Locale.ROOT)));
  }
}
