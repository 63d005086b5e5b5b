package dev.strata.config;

import java.util.Objects;

/**
 * A database URL as configured (not yet parsed) with where it came from, e.g. {@code
 * DATABASE_URL (from .env)} or {@code --url}; printing it masks the password.
 */
public record ConfiguredUrl(String value, String origin) {
  public ConfiguredUrl {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(origin, "origin");
  }

  /**
   * The parsed URL.
   *
   * @throws dev.strata.StrataException ({@link dev.strata.ErrorCode#CONFIG}) naming the origin
   */
  public DatabaseUrl parse() {
    try {
      return DatabaseUrl.parse(value);
    } catch (dev.strata.StrataException e) {
      throw new dev.strata.StrataException(e.code(), "The database URL from " + origin + " is not usable: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "ConfiguredUrl[" + DatabaseUrl.maskLoose(value) + " from " + origin + "]";
  }
}
