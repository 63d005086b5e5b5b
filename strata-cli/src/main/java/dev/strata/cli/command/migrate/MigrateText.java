package dev.strata.cli.command.migrate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Words and figures the migrate commands print alike. */
final class MigrateText {
  private static final DateTimeFormatter APPLIED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private MigrateText() {}

  /** Prisma's first line: {@code N migrations found in prisma/migrations} (the real path, which is that one by default). */
  static String found(MigrateTarget target) {
    int n = target.directory().folders().size();
    if (n == 0) {
      return "No migration found in " + target.shownDirectory();
    }
    return n + " migration" + (n > 1 ? "s" : "") + " found in " + target.shownDirectory();
  }

  /** {@code 12 ms}, {@code 1.3 s}, {@code 2 min 5 s}. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
  }

  /** An instant as {@code 2024-01-02 10:11:12 UTC}. */
  static String instant(Instant instant) {
    return APPLIED_AT.format(instant) + " UTC";
  }
}
