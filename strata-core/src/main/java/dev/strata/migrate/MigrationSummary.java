package dev.strata.migrate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a migration script changed, in words, read from its statements ({@code strata docs}' history). */
public final class MigrationSummary {
  private static final String NAME = "((?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)(?:\\.(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*))?)";
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern CREATE_TABLE = Pattern.compile("CREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME + ".*", FLAGS);
  private static final Pattern DROP_TABLE = Pattern.compile("DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?" + NAME + ".*", FLAGS);
  private static final Pattern ALTER_TABLE = Pattern.compile("ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?" + NAME + "\\s+(.*)", FLAGS);
  private static final Pattern CREATE_INDEX = Pattern.compile(
      "CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME + "\\s+ON\\s+(?:ONLY\\s+)?" + NAME + ".*", FLAGS);
  private static final Pattern DROP_INDEX = Pattern.compile("DROP\\s+INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+EXISTS\\s+)?" + NAME + ".*", FLAGS);
  private static final Pattern CREATE_ENUM = Pattern.compile("CREATE\\s+TYPE\\s+" + NAME + "\\s+AS\\s+ENUM.*", FLAGS);
  private static final Pattern ALTER_TYPE = Pattern.compile("ALTER\\s+TYPE\\s+" + NAME + "\\s+ADD\\s+VALUE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?'((?:[^']|'')*)'.*", FLAGS);
  private static final Pattern DROP_TYPE = Pattern.compile("DROP\\s+TYPE\\s+(?:IF\\s+EXISTS\\s+)?" + NAME + ".*", FLAGS);
  private static final Pattern EXTENSION = Pattern.compile("CREATE\\s+EXTENSION\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME + ".*", FLAGS);
  private static final Pattern SCHEMA = Pattern.compile("CREATE\\s+SCHEMA\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME + ".*", FLAGS);
  private static final Pattern COMMENTS = Pattern.compile("(--[^\\n]*\\n?)|(/\\*.*?\\*/)", Pattern.DOTALL);

  private MigrationSummary() {}

  /** The changes of {@code sql}, one phrase each, in order, without repeats. */
  public static List<String> of(String sql) {
    Set<String> out = new LinkedHashSet<>();
    int other = 0;
    for (SqlStatement statement : SqlSplitter.split(sql)) {
      String text = COMMENTS.matcher(statement.text()).replaceAll(" ").strip();
      if (text.isEmpty()) {
        continue;
      }
      String phrase = phrase(text);
      if (phrase == null) {
        other++;
      } else {
        out.add(phrase);
      }
    }
    List<String> list = new ArrayList<>(out);
    if (other > 0) {
      list.add(other + " other statement" + (other == 1 ? "" : "s"));
    }
    return list;
  }

  private static String phrase(String text) {
    Matcher m;
    if ((m = CREATE_TABLE.matcher(text)).matches()) {
      return "creates table " + name(m.group(1));
    }
    if ((m = DROP_TABLE.matcher(text)).matches()) {
      return "drops table " + name(m.group(1));
    }
    if ((m = CREATE_INDEX.matcher(text)).matches()) {
      return "adds " + (m.group(1) != null ? "unique index " : "index ") + name(m.group(2)) + " on " + name(m.group(3));
    }
    if ((m = DROP_INDEX.matcher(text)).matches()) {
      return "drops index " + name(m.group(1));
    }
    if ((m = CREATE_ENUM.matcher(text)).matches()) {
      return "creates enum " + name(m.group(1));
    }
    if ((m = ALTER_TYPE.matcher(text)).matches()) {
      return "adds value " + m.group(2).replace("''", "'") + " to enum " + name(m.group(1));
    }
    if ((m = DROP_TYPE.matcher(text)).matches()) {
      return "drops type " + name(m.group(1));
    }
    if ((m = EXTENSION.matcher(text)).matches()) {
      return "creates extension " + name(m.group(1));
    }
    if ((m = SCHEMA.matcher(text)).matches()) {
      return "creates schema " + name(m.group(1));
    }
    if ((m = ALTER_TABLE.matcher(text)).matches()) {
      return alter(name(m.group(1)), m.group(2));
    }
    return null;
  }

  private static String alter(String table, String rest) {
    String r = rest.strip();
    String upper = r.toUpperCase(Locale.ROOT);
    Matcher m = Pattern.compile("(ADD|DROP|ALTER|RENAME)\\s+(?:COLUMN\\s+)?(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?" + NAME + ".*", FLAGS).matcher(r);
    if (upper.startsWith("ADD CONSTRAINT")) {
      String kind = upper.contains("FOREIGN KEY") ? "foreign key" : upper.contains("PRIMARY KEY") ? "primary key"
          : upper.contains("UNIQUE") ? "unique constraint" : upper.contains("CHECK") ? "check constraint" : "constraint";
      return "adds " + kind + " to " + table;
    }
    if (upper.startsWith("DROP CONSTRAINT")) {
      return "drops a constraint of " + table;
    }
    if (upper.startsWith("RENAME TO")) {
      return "renames table " + table;
    }
    if (m.matches() && !upper.startsWith("ADD PRIMARY") && !upper.startsWith("ADD FOREIGN") && !upper.startsWith("ADD UNIQUE")) {
      String verb = switch (m.group(1).toUpperCase(Locale.ROOT)) {
        case "ADD" -> "adds column ";
        case "DROP" -> "drops column ";
        case "RENAME" -> "renames column ";
        default -> "changes column ";
      };
      String more = r.contains(",") ? " (and more)" : "";
      return verb + table + "." + name(m.group(2)) + more;
    }
    return "alters table " + table;
  }

  /** An identifier as written, unquoted: {@code "public"."User"} → {@code public.User}. */
  private static String name(String raw) {
    StringBuilder out = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < raw.length() && raw.charAt(i + 1) == '"') {
          out.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
