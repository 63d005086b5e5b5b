package dev.strata.migrate.dev;

import dev.strata.migrate.MigrationOrder;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The folder name of a new migration, as Prisma's {@code migrate dev} makes it: the UTC timestamp
 * {@code YYYYMMDDHHMMSS}, then {@code _} and the slug of the name the user typed (nothing when the
 * slug is empty). The slug follows Prisma's rules as observed on Prisma 7: letters are
 * transliterated to ASCII ({@code ü → ue}, {@code é → e}, {@code & → and}), camel case is split
 * ({@code HTTPServer2Go → http_server2_go}), everything is lower-cased, every run of other
 * characters becomes one {@code _}, and the result is cut to 200 characters.
 */
public final class MigrationName {
  /** Prisma cuts slugs to this many characters. */
  public static final int MAX_SLUG = 200;

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  // Letters that Unicode decomposition does not reduce to ASCII, spelled as Prisma spells them.
  private static final Map<Character, String> LETTERS = Map.ofEntries(
      Map.entry('ä', "ae"), Map.entry('ö', "oe"), Map.entry('ü', "ue"),
      Map.entry('Ä', "Ae"), Map.entry('Ö', "Oe"), Map.entry('Ü', "Ue"),
      Map.entry('ß', "ss"), Map.entry('æ', "ae"), Map.entry('Æ', "Ae"),
      Map.entry('ø', "o"), Map.entry('Ø', "O"), Map.entry('þ', "th"), Map.entry('Þ', "Th"),
      Map.entry('đ', "d"), Map.entry('Đ', "D"), Map.entry('ł', "l"), Map.entry('Ł', "L"),
      Map.entry('ð', "d"), Map.entry('Ð', "D"), Map.entry('ı', "i"),
      Map.entry('&', " and "), Map.entry('♥', " love "), Map.entry('’', "'"));

  private static final Pattern CONTRACTION = Pattern.compile("([A-Za-z\\d]+)'([ts])(\\s|$)");
  private static final Pattern COMBINING = Pattern.compile("\\p{M}+");
  private static final Pattern UPPER_RUN_DIGITS = Pattern.compile("([A-Z]{2,})(\\d+)");
  private static final Pattern LOWER_UPPER_RUN = Pattern.compile("([a-z\\d]+)([A-Z]{2,})");
  private static final Pattern LOWER_UPPER = Pattern.compile("([a-z\\d])([A-Z])");
  private static final Pattern ACRONYM_WORD = Pattern.compile("([A-Z]+)([A-Z][a-rt-z\\d]+)");
  private static final Pattern OTHER = Pattern.compile("[^a-z\\d]+");

  private MigrationName() {}

  /** The slug of {@code name} (possibly empty). */
  public static String slug(String name) {
    if (name == null) {
      return "";
    }
    StringBuilder ascii = new StringBuilder();
    name.codePoints().forEach(cp -> {
      if (cp == 0x1F984) {
        ascii.append(" unicorn ");
      } else if (cp < 0x10000 && LETTERS.containsKey((char) cp)) {
        ascii.append(LETTERS.get((char) cp));
      } else {
        ascii.appendCodePoint(cp);
      }
    });
    String text = COMBINING.matcher(Normalizer.normalize(ascii, Normalizer.Form.NFD)).replaceAll("");
    text = CONTRACTION.matcher(text).replaceAll("$1$2$3");
    text = UPPER_RUN_DIGITS.matcher(text).replaceAll("$1 $2");
    text = LOWER_UPPER_RUN.matcher(text).replaceAll("$1 $2");
    text = LOWER_UPPER.matcher(text).replaceAll("$1 $2");
    text = ACRONYM_WORD.matcher(text).replaceAll("$1 $2");
    text = OTHER.matcher(text.toLowerCase(java.util.Locale.ROOT)).replaceAll("_");
    int start = 0;
    int end = text.length();
    while (start < end && text.charAt(start) == '_') {
      start++;
    }
    while (end > start && text.charAt(end - 1) == '_') {
      end--;
    }
    String slug = text.substring(start, end);
    return slug.length() > MAX_SLUG ? slug.substring(0, MAX_SLUG) : slug;
  }

  /**
   * The folder name for a migration named {@code name} created at {@code now}, dated later when
   * needed so that it sorts after every name in {@code existing} (the folders, and the migrations
   * the database has applied). A clock behind the newest migration (a teammate's migration dated
   * ahead, clock skew) would otherwise write a migration that sorts before applied ones, which
   * deploys then apply out of order. The new date is one second after the newest migration's; a
   * newest name without a {@code YYYYMMDDHHMMSS} prefix cannot be followed by a date, and the name
   * is then {@link #folder(Instant, String)}'s.
   */
  public static String folderAfter(Instant now, String name, Collection<String> existing) {
    String candidate = folder(now, name);
    Optional<String> newest = existing.stream().max(MigrationOrder.PRISMA);
    if (newest.isEmpty() || MigrationOrder.PRISMA.compare(candidate, newest.get()) > 0) {
      return candidate;
    }
    Optional<Instant> after = timestamp(newest.get());
    for (int second = 1; after.isPresent() && second <= 60; second++) {
      String later = folder(after.get().plusSeconds(second), name);
      if (MigrationOrder.PRISMA.compare(later, newest.get()) > 0) {
        return later;
      }
    }
    return candidate;
  }

  /** The instant of a name's {@code YYYYMMDDHHMMSS} prefix, if it has a valid one. */
  static Optional<Instant> timestamp(String folderName) {
    if (folderName.length() < 14 || !folderName.substring(0, 14).chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.from(TIMESTAMP.parse(folderName.substring(0, 14))));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** The folder name for a migration named {@code name}, created at {@code now}. */
  public static String folder(Instant now, String name) {
    String slug = slug(name);
    String timestamp = TIMESTAMP.format(now);
    return slug.isEmpty() ? timestamp : timestamp + "_" + slug;
  }
}
