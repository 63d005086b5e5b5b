package dev.strata.migrate.run;

import dev.strata.migrate.SqlStatement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relations a migration's statements name, read cheaply (regular expressions over each
 * statement, not the SQL grammar): the table of {@code ALTER TABLE}, of {@code CREATE INDEX … ON},
 * {@code DROP TABLE}, {@code TRUNCATE}, {@code LOCK}, the target of {@code INSERT}/{@code
 * UPDATE}/{@code DELETE}, and every {@code REFERENCES} target (a foreign key locks the referenced
 * table too). Names are kept as written (quoted or not, qualified or not); a statement of any
 * other form names nothing. Good enough to find the sessions that would block a deploy, not a parser.
 */
public final class TouchedRelations {
  private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
  private static final String QUALIFIED = NAME + "(?:\\s*\\.\\s*" + NAME + ")?";
  /** The pattern for each leading keyword; a statement is matched only against its own keyword's (cheap on a long history). */
  private static final Map<String, Pattern> LEADING = Map.of(
      "ALTER", Pattern.compile("^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE),
      "CREATE", Pattern.compile("^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:" + QUALIFIED
          + "\\s+)?ON\\s+(?:ONLY\\s+)?(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE),
      "TRUNCATE", Pattern.compile("^TRUNCATE\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE),
      "LOCK", Pattern.compile("^LOCK\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE),
      "INSERT", Pattern.compile("^INSERT\\s+INTO\\s+(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE),
      "UPDATE", Pattern.compile("^UPDATE\\s+(?:ONLY\\s+)?(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE),
      "DELETE", Pattern.compile("^DELETE\\s+FROM\\s+(?:ONLY\\s+)?(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE));
  private static final Pattern DROP_TABLE = Pattern.compile(
      "^DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(" + QUALIFIED + "(?:\\s*,\\s*" + QUALIFIED + ")*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern REFERENCES = Pattern.compile("\\bREFERENCES\\s+(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE);
  private static final Pattern ONE = Pattern.compile(QUALIFIED);
  private static final Pattern COMMENTS = Pattern.compile("--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

  private TouchedRelations() {}

  /** The relations {@code statements} name, in order of first mention, without repeats. */
  public static List<String> of(List<SqlStatement> statements) {
    Set<String> found = new LinkedHashSet<>();
    for (SqlStatement statement : statements) {
      String text = statement.text();
      if (text.contains("--") || text.contains("/*")) {
        text = COMMENTS.matcher(text).replaceAll(" ");
      }
      text = text.strip();
      String keyword = firstWord(text);
      Pattern leading = LEADING.get(keyword);
      if (leading != null) {
        Matcher m = leading.matcher(text);
        if (m.find()) {
          found.add(normalise(m.group(1)));
        }
      }
      if (keyword.equals("DROP")) {
        Matcher drop = DROP_TABLE.matcher(text);
        if (drop.find()) {
          Matcher each = ONE.matcher(drop.group(1));
          while (each.find()) {
            found.add(normalise(each.group()));
          }
        }
      }
      if (containsIgnoreCase(text, "REFERENCES")) {
        Matcher references = REFERENCES.matcher(text);
        while (references.find()) {
          found.add(normalise(references.group(1)));
        }
      }
    }
    return List.copyOf(found);
  }

  /** The statement's first word, upper-cased ({@code ""} when it starts with no letter). */
  private static String firstWord(String text) {
    int end = 0;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    return text.substring(0, end).toUpperCase(java.util.Locale.ROOT);
  }

  private static boolean containsIgnoreCase(String text, String word) {
    for (int i = 0, last = text.length() - word.length(); i <= last; i++) {
      if (text.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  private static String normalise(String name) {
    return name.replaceAll("\\s*\\.\\s*", ".");
  }
}
