package dev.strata.migrate;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order Prisma applies migration folders in: Prisma's CLI sorts folder names with
 * JavaScript's {@code a.localeCompare(b)}, i.e. the Unicode Collation Algorithm with the root
 * locale's tailoring, which is not byte order: punctuation sorts before digits (so {@code
 * 20250625_x} comes before {@code 20250625101010_y}), letters compare case-insensitively first
 * ({@code add_b} before {@code Add_c}), and at equal letters lower case comes first.
 *
 * <p>This reproduces that collation for the characters folder names are made of (ASCII, Latin
 * letters with accents); other characters sort after the Latin letters by code point. Names the
 * collation cannot tell apart fall back to code-unit order so that the result is deterministic.
 */
public final class MigrationOrder implements Comparator<String> {
  /** The comparator, stateless and shareable. */
  public static final MigrationOrder PRISMA = new MigrationOrder();

  /** Printable ASCII in root-collation order, letters case-folded (measured with Node's ICU). */
  private static final String ASCII_ORDER = "\t\n\u000B\f\r _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz";
  private static final int[] PRIMARY = new int[128];
  private static final int OTHER_BASE = 1000;

  static {
    for (int i = 0; i < ASCII_ORDER.length(); i++) {
      PRIMARY[ASCII_ORDER.charAt(i)] = i + 1;
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      PRIMARY[c] = PRIMARY[Character.toLowerCase(c)];
    }
  }

  private MigrationOrder() {}

  @Override
  public int compare(String a, String b) {
    return keyOf(a).compareTo(keyOf(b));
  }

  /**
   * A name's collation key, to sort many names with one key each instead of two per comparison
   * ({@code names.sort(Comparator.comparing(MigrationOrder::keyOf))} orders as {@link #PRISMA}).
   */
  public static SortKey keyOf(String name) {
    return new SortKey(name, key(name));
  }

  /** A name with its collation elements; ordered as {@link #PRISMA} orders the names. */
  public static final class SortKey implements Comparable<SortKey> {
    private final String name;
    private final List<int[]> elements;

    private SortKey(String name, List<int[]> elements) {
      this.name = name;
      this.elements = elements;
    }

    public String name() {
      return name;
    }

    @Override
    public int compareTo(SortKey other) {
      for (int level = 0; level < 3; level++) {
        int c = compareLevel(elements, other.elements, level);
        if (c != 0) {
          return c;
        }
      }
      return name.compareTo(other.name);
    }
  }

  /** Compares the non-zero weights of one level in sequence, as the collation algorithm does. */
  private static int compareLevel(List<int[]> ka, List<int[]> kb, int level) {
    int i = 0;
    int j = 0;
    while (true) {
      while (i < ka.size() && ka.get(i)[level] == 0) {
        i++;
      }
      while (j < kb.size() && kb.get(j)[level] == 0) {
        j++;
      }
      if (i >= ka.size() || j >= kb.size()) {
        return Boolean.compare(i < ka.size(), j < kb.size());
      }
      int c = Integer.compare(ka.get(i)[level], kb.get(j)[level]);
      if (c != 0) {
        return c;
      }
      i++;
      j++;
    }
  }

  /** Accents in the collation's secondary order (acute before grave before breve…); others after, by code point. */
  private static final String MARK_ORDER = "\u0301\u0300\u0306\u0302\u030C\u030A\u0308\u030B\u0303\u0307\u0327\u0328\u0304";

  private static int markWeight(int cp) {
    int known = MARK_ORDER.indexOf(cp);
    return known >= 0 ? 2 + known : 100 + cp;
  }

  /** Collation elements {primary, secondary, tertiary} of a name; ignorable characters produce none. */
  private static List<int[]> key(String name) {
    // ASCII is its own decomposition; skipping the normalizer spares loading its Unicode tables.
    String decomposed = isAscii(name) ? name : Normalizer.normalize(name, Normalizer.Form.NFD);
    List<int[]> elements = new ArrayList<>(decomposed.length());
    decomposed.codePoints().forEach(cp -> {
      if (cp < 128) {
        int primary = PRIMARY[cp];
        if (primary != 0) {
          boolean upper = cp >= 'A' && cp <= 'Z';
          elements.add(new int[] {primary, 1, upper ? 2 : 1});
        }
        // Other control characters are ignorable in the root collation.
      } else if (Character.getType(cp) == Character.NON_SPACING_MARK) {
        elements.add(new int[] {0, markWeight(cp), 0});
      } else if (Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.CONTROL) {
        // Soft hyphens, zero-width joiners and the like are ignorable.
      } else {
        int lower = Character.toLowerCase(cp);
        elements.add(new int[] {OTHER_BASE + lower, 1, lower != cp ? 2 : 1});
      }
    });
    return elements;
  }

  private static boolean isAscii(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }
}
