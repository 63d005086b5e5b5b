package dev.strata.migrate.dev;

import dev.strata.migrate.MigrationChecksum;
import dev.strata.migrate.SqlSplitter;
import dev.strata.migrate.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading and marking Strata's {@code down.sql}: the header lines saying whether {@code migrate dev}
 * verified the file or found it irreversible and which {@code migration.sql} it was written for, and the tables and columns the file drops (what
 * {@code migrate down} asks about before destroying data).
 */
public final class DownFile {
  /** The header line of a down file that {@code migrate down} refuses to run. */
  public static final String IRREVERSIBLE = "-- Strata: IRREVERSIBLE (strata migrate down refuses this file): ";
  /** The header line of a down file verified on a shadow database. */
  public static final String VERIFIED = "-- Strata: verified on a shadow database (migration.sql, down.sql, migration.sql again:"
      + " each schema as expected).";

  /**
   * The start of the line that records which {@code migration.sql} a down file was written for
   * (its checksum follows): a down file is only known to undo the script it was written for.
   */
  public static final String WRITTEN_FOR = "-- Strata: written for migration.sql with checksum ";

  private static final Pattern WRITTEN_FOR_LINE = Pattern.compile("^" + Pattern.quote(WRITTEN_FOR) + "([0-9a-f]{1,64})\\s*$");
  private static final String NAME = "(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
  private static final String QUALIFIED = NAME + "(?:\\s*\\.\\s*" + NAME + ")?";
  private static final Pattern DROP_TABLE =
      Pattern.compile("^\\s*DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(" + QUALIFIED + "(?:\\s*,\\s*" + QUALIFIED + ")*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern ALTER_TABLE =
      Pattern.compile("^\\s*ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?" + QUALIFIED, Pattern.CASE_INSENSITIVE);
  private static final Pattern DROP_COLUMN =
      Pattern.compile("DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?" + NAME, Pattern.CASE_INSENSITIVE);
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED);

  private DownFile() {}

  /** {@code text} headed by the verified mark. */
  public static String markVerified(String text) {
    return VERIFIED + "\n" + text;
  }

  /** {@code text} headed by the irreversible mark and its reason (one line). */
  public static String markIrreversible(String text, String reason) {
    return IRREVERSIBLE + reason.replace("\r", " ").replace("\n", " ") + "\n" + text;
  }

  /** {@code text} headed by the line naming the checksum of {@code migrationSql}, the script it undoes. */
  public static String markWrittenFor(String migrationSql, String text) {
    return writtenForLine(migrationSql) + "\n" + text;
  }

  /** The line {@link #markWrittenFor} writes for {@code migrationSql}. */
  public static String writtenForLine(String migrationSql) {
    return WRITTEN_FOR + MigrationChecksum.of(migrationSql);
  }

  /** The checksum of the {@code migration.sql} the file was written for; empty for files written before Strata recorded it. */
  public static Optional<String> writtenFor(String text) {
    for (String line : text.split("\n", -1)) {
      Matcher m = WRITTEN_FOR_LINE.matcher(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      if (m.matches()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the down file was written for another {@code migration.sql} than {@code migrationSql}
   * (the script was edited after {@code migrate dev} wrote the down file), so that running it may
   * leave part of the migration in place. Line-ending conversions do not count, as for Prisma's checksums.
   */
  public static boolean isStale(String text, String migrationSql) {
    return writtenFor(text).map(sum -> !MigrationChecksum.matches(sum, migrationSql)).orElse(false);
  }

  /** Why the file must not be run, when it is marked irreversible. */
  public static Optional<String> irreversibleReason(String text) {
    for (String line : text.split("\n", -1)) {
      String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (l.startsWith(IRREVERSIBLE)) {
        return Optional.of(l.substring(IRREVERSIBLE.length()).trim());
      }
    }
    return Optional.empty();
  }

  /** What running the file drops, as {@code table `T`} and {@code column `T`.`c`}, in file order. */
  public static List<String> destroys(String text) {
    List<String> out = new ArrayList<>();
    for (SqlStatement statement : SqlSplitter.split(text)) {
      String sql = withoutComments(statement.text());
      Matcher drop = DROP_TABLE.matcher(sql);
      if (drop.find()) {
        Matcher names = QUALIFIED_NAME.matcher(drop.group(1));
        while (names.find()) {
          out.add("table `" + last(names) + "`");
        }
        continue;
      }
      Matcher alter = ALTER_TABLE.matcher(sql);
      if (alter.find()) {
        String table = last(alter);
        // only the clauses after the table name: DROP CONSTRAINT / DROP DEFAULT / DROP NOT are not data
        Matcher column = DROP_COLUMN.matcher(sql.substring(alter.end()));
        while (column.find()) {
          String name = unquote(column.group(1));
          String word = name.toUpperCase(java.util.Locale.ROOT);
          if (column.group(0).toUpperCase(java.util.Locale.ROOT).contains("COLUMN")
              || !(word.equals("CONSTRAINT") || word.equals("DEFAULT") || word.equals("NOT") || word.equals("IDENTITY")
                  || word.equals("EXPRESSION"))) {
            out.add("column `" + table + "`.`" + name + "`");
          }
        }
      }
    }
    return List.copyOf(out);
  }

  private static String last(Matcher m) {
    String second = m.group(m.groupCount());
    String first = m.group(m.groupCount() - 1);
    return unquote(second != null ? second : first);
  }

  private static String unquote(String name) {
    return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name.toLowerCase(java.util.Locale.ROOT);
  }

  private static String withoutComments(String sql) {
    StringBuilder out = new StringBuilder();
    for (String line : sql.split("\n", -1)) {
      if (!line.trim().startsWith("--")) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }
}
