package dev.strata.prisma.format;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * English word helpers used to name the fields the formatter adds: camel case ({@code BlogPost}
 * becomes {@code blogPost}) and plural ({@code category} becomes {@code categories}), with the
 * same inflection rules as Prisma's formatter (so {@code documentMeta} becomes
 * {@code documentMetas}, not the Latin plural).
 */
final class Inflector {
  private Inflector() {}

  /** A plural rule: when {@code pattern} is found, the result is its first group plus {@code suffix}. */
  private record Rule(Pattern pattern, String suffix) {}

  /** Words whose plural is the word itself (compared with the whole name). */
  private static final Set<String> UNCOUNTABLE =
      Set.of(
          ("accommodation adulthood advertising advice aggression aid air aircraft alcohol anger applause arithmetic "
                  + "assistance athletics bacon baggage beef biology blood botany bread butter carbon cardboard cash chalk "
                  + "chaos chess crossroads countryside dancing deer dignity dirt dust economics education electricity "
                  + "engineering enjoyment envy equipment ethics evidence evolution fame fiction flour flu food fuel fun "
                  + "furniture gallows garbage garlic genetics gold golf gossip grammar gratitude grief guilt gymnastics "
                  + "happiness hardware harm hate hatred health heat help homework honesty honey hospitality housework "
                  + "humour hunger hydrogen ice importance inflation information innocence iron irony jam jewelry judo "
                  + "karate knowledge lack laughter lava leather leisure lightning linguine linguini linguistics literature "
                  + "litter livestock logic loneliness luck luggage macaroni machinery magic management mankind marble "
                  + "mathematics mayonnaise measles methane milk money mud music mumps nature news nitrogen nonsense "
                  + "nurture nutrition obedience obesity oxygen pasta patience physics poetry pollution poverty pride "
                  + "psychology publicity punctuation quartz racism relaxation reliability research respect revenge rice "
                  + "rubbish rum safety scenery seafood seaside series shame sheep shopping sleep smoke smoking snow soap "
                  + "software soil spaghetti species steam stuff stupidity sunshine symmetry tennis thirst thunder timber "
                  + "traffic transportation trust underwear unemployment unity validity veal vegetation vegetarianism "
                  + "vengeance violence vitality warmth wealth weather welfare wheat wildlife wisdom yoga zinc zoology")
              .split(" "));

  private static final Map<String, String> IRREGULAR =
      Map.of(
          "ox", "oxen", "man", "men", "woman", "women", "die", "dice", "yes", "yeses", "foot", "feet", "eave",
          "eaves", "goose", "geese", "tooth", "teeth", "quiz", "quizzes");

  /** Checked from first to last; the first rule whose pattern is found wins. Case-sensitive, like Prisma. */
  private static final List<Rule> PLURAL_RULES =
      List.of(
          rule("(\\w*eaux)$", ""),
          rule("(\\w*(child))(?:ren)?$", "ren"),
          rule("(\\w*(pe))(?:rson|ople)$", "ople"),
          rule("(\\w*(m|l))(?:ice|ouse)$", "ice"),
          rule("(\\w*(matr|cod|mur|sil|vert|ind|append))(?:ix|ex)$", "ices"),
          rule("(\\w*(x|ch|ss|sh|zz))$", "es"),
          rule("(\\w*(x|ch|ss|sh|zz)es)$", ""),
          rule("(\\w*([^ch][ieo][ln]))ey$", "ies"),
          rule("(\\w*([^aeiouy]|qu))y$", "ies"),
          rule("(\\w*(ar|l|ea|eo|oa|hoo))f$", "ves"),
          rule("(\\w*(kni|wi|li))fe$", "ves"),
          rule("(\\w*)sis$", "ses"),
          rule("(\\w*(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|automat))(?:a|on)$", "a"),
          rule("(\\w*(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|curricul|automat|quor))(?:a|um)$", "a"),
          rule("(\\w*(her|at|gr))o$", "oes"),
          rule("(\\w*(seraph|cherub))(?:im)?$", "im"),
          rule("(\\w*(alumn|alg|vertebr))(?:a|ae)$", "ae"),
          rule("(\\w*(alumn|syllab|octop|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat))(?:us|i)$", "i"),
          rule("(\\w*([^l]ias|[aeiou]las|[emjzr]as|[iu]am))$", ""),
          rule("(\\w*(e[mn]u))s?$", "s"),
          rule("(\\w*(alias|[^aou]us|tlas|gas|ris))$", "es"),
          rule("(\\w*(ax|test))is$", "es"),
          rule("(\\w*([^aeiou]ese))$", ""),
          rule("(\\w*)s$", "s"));

  private static Rule rule(String regex, String suffix) {
    return new Rule(Pattern.compile(regex), suffix);
  }

  /** The plural of a (camel case) name, inflecting its last word: {@code post2} → {@code post2s}. */
  static String plural(String word) {
    int separator = Math.max(word.lastIndexOf('-'), word.lastIndexOf('_'));
    if (separator >= 0) {
      String last = word.substring(separator + 1);
      return last.isEmpty() ? word : word.substring(0, separator + 1) + plural(last);
    }
    if (UNCOUNTABLE.contains(word)) {
      return word;
    }
    String irregular = IRREGULAR.get(word);
    if (irregular != null) {
      return irregular;
    }
    for (Rule rule : PLURAL_RULES) {
      Matcher matcher = rule.pattern().matcher(word);
      if (matcher.find() && matcher.group(1) != null) {
        return matcher.group(1) + rule.suffix();
      }
    }
    return word + "s";
  }

  /**
   * The name of a field that holds a {@code name} model, as Prisma's formatter makes it: letters are
   * lowercased, except that a new word starts, and keeps (or gets) a capital, after an underscore or a
   * digit, and at a capital that follows a small letter. The small letter that decides this is the
   * last one copied as it was, not the capital that started a word, so a run of capitals at the
   * start of the name is lowercased as a whole ({@code APIKey} → {@code apikey}, {@code OAuthToken}
   * → {@code oauthToken}) while a later run keeps its capitals ({@code MyURL} → {@code myURL},
   * {@code User2FA} → {@code user2FA}). {@code user_profile} and {@code USER_PROFILE} both give
   * {@code userProfile}.
   */
  static String camelCase(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean newWord = false;
    boolean started = false;
    char lastPlain = ' ';
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isAsciiLetterOrDigit(c)) {
        if (started) {
          newWord = true;
        }
      } else if (isAsciiDigit(c)) {
        started = true;
        newWord = true;
        out.append(c);
      } else if (newWord || (isAsciiLower(lastPlain) && isAsciiUpper(c))) {
        started = true;
        newWord = false;
        out.append(Character.toUpperCase(c));
      } else {
        started = true;
        lastPlain = c;
        out.append(Character.toLowerCase(c));
      }
    }
    return out.toString();
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return isAsciiLower(c) || isAsciiUpper(c) || isAsciiDigit(c);
  }

  private static boolean isAsciiLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isAsciiUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
