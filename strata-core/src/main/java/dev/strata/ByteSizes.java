package dev.strata;

import java.util.Locale;

/** Byte counts as people read them, in binary units: {@code 812 B}, {@code 8.2 MiB}. */
public final class ByteSizes {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

  private ByteSizes() {}

  /** {@code bytes} in the largest binary unit it reaches, one decimal (bytes themselves whole). */
  public static String human(long bytes) {
    double value = bytes;
    int unit = 0;
    while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }
}
