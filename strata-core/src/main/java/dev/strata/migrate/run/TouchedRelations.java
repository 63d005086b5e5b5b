package dev.strata.migrate.run;

import dev.strata.migrate.SqlStatement;
import java.util.LinkedHashSet;
import java.util.List;
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
  private static final List<Pattern> LEADING = List.of(
      Pattern.compile("^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE),
      Pattern.compile("^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:" + QUALIFIED
          + "\\s+)?ON\\s+(?:ONLY\\s+)?(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE),
      Pattern.compile("^TRUNCATE\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE),
      Pattern.compile("^LOCK\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE),
      Pattern.compile("^INSERT\\s+INTO\\s+(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE),
      Pattern.compile("^UPDATE\\s+(?:ONLY\\s+)?(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE),
      Pattern.compile("^DELETE\\s+FROM\\s+(?:ONLY\\s+)?(" + QUALIFIED + ")", Pattern.CASE_INSENSITIVE));
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
      String text = COMMENTS.matcher(statement.text()).replaceAll(" ").strip();
      for (Pattern pattern : LEADING) {
        Matcher m = pattern.matcher(text);
        if (m.find()) {
          found.add(normalise(m.group(1)));
        }
      }
      Matcher drop = DROP_TABLE.matcher(text);
      if (drop.find()) {
        Matcher each = ONE.matcher(drop.group(1));
        while (each.find()) {
          found.add(normalise(each.group()));
        }
      }
      Matcher references = REFERENCES.matcher(text);
      while (references.find()) {
        found.add(normalise(references.group(1)));
      }
    }
    return List.copyOf(found);
  }

  private static String normalise(String name) {
    return name.replaceAll("\\s*\\.\\s*", ".");
  }
}
