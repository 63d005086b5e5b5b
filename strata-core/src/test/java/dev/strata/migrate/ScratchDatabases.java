package dev.strata.migrate;

import java.util.Locale;
import java.util.UUID;

/** Unique names for the throw-away databases these tests create and drop themselves. */
final class ScratchDatabases {
  private ScratchDatabases() {}

  /** {@code strata_<hint>_<random>}, lower case, at most 63 characters. */
  static String uniqueName(String hint) {
    String clean = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    if (clean.length() > 40) {
      clean = clean.substring(0, 40);
    }
    return "strata_" + clean + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
