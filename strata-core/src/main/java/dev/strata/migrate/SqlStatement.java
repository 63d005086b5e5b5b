package dev.strata.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One statement of a SQL script as the splitter found it: its exact source text (from its first
 * token to its terminating semicolon, inner comments included), the 1-based line it starts on and
 * its character offset in the script.
 */
public record SqlStatement(String text, int startLine, int startOffset) {

  /** How a statement steers the transaction it runs in. */
  public enum TransactionControl {
    /** {@code BEGIN}, {@code START TRANSACTION}. */
    BEGIN,
    /** {@code COMMIT}, {@code END}. */
    COMMIT,
    /** {@code ROLLBACK}, {@code ABORT} (not {@code ROLLBACK TO SAVEPOINT}). */
    ROLLBACK
  }

  public SqlStatement {
    Objects.requireNonNull(text, "text");
  }

  /** Offset just past the statement's last character. */
  public int endOffset() {
    return startOffset + text.length();
  }

  /** The first line of the statement, for messages (cut at 120 characters). */
  public String firstLine() {
    int nl = text.indexOf('\n');
    String line = (nl < 0 ? text : text.substring(0, nl)).stripTrailing();
    return line.length() > 120 ? line.substring(0, 117) + "..." : line;
  }

  /** The line (1-based, in the script) of a 1-based character position within this statement. */
  public int lineOf(int position) {
    int end = Math.max(0, Math.min(text.length(), position - 1));
    int line = startLine;
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The statement's leading bare words, upper-cased (quoted names and literals end the list). */
  public List<String> leadingWords(int max) {
    List<String> words = new ArrayList<>();
    SqlLexer lexer = new SqlLexer(text);
    while (words.size() < max && lexer.next()) {
      switch (lexer.kind()) {
        case WHITESPACE, COMMENT -> { }
        case WORD -> words.add(lexer.token().toUpperCase(Locale.ROOT));
        default -> {
          return List.copyOf(words);
        }
      }
    }
    return List.copyOf(words);
  }

  /** Whether this statement begins, commits or rolls back a transaction, and which. */
  public Optional<TransactionControl> transactionControl() {
    List<String> w = leadingWords(2);
    if (w.isEmpty()) {
      return Optional.empty();
    }
    String second = w.size() > 1 ? w.get(1) : "";
    return switch (w.get(0)) {
      case "BEGIN" -> Optional.of(TransactionControl.BEGIN);
      case "START" -> second.equals("TRANSACTION") ? Optional.of(TransactionControl.BEGIN) : Optional.empty();
      case "COMMIT", "END" -> second.equals("PREPARED") ? Optional.empty() : Optional.of(TransactionControl.COMMIT);
      case "ROLLBACK", "ABORT" -> second.equals("PREPARED") || second.equals("TO") ? Optional.empty()
          : rollbackToSavepoint() ? Optional.empty() : Optional.of(TransactionControl.ROLLBACK);
      default -> Optional.empty();
    };
  }

  /** Whether this is BEGIN/START TRANSACTION/COMMIT/END/ROLLBACK/ABORT. */
  public boolean isTransactionControl() {
    return transactionControl().isPresent();
  }

  /**
   * Whether PostgreSQL refuses this statement inside a transaction block on every version: {@code
   * CREATE/DROP INDEX CONCURRENTLY}, {@code REINDEX … CONCURRENTLY} and {@code REINDEX
   * DATABASE/SYSTEM}, {@code VACUUM}, {@code CREATE/DROP DATABASE}, {@code CREATE/DROP TABLESPACE},
   * {@code ALTER SYSTEM}, {@code COMMIT/ROLLBACK PREPARED}.
   */
  public boolean needsNoTransaction() {
    List<String> w = leadingWords(6);
    if (w.isEmpty()) {
      return false;
    }
    String first = w.get(0);
    String second = w.size() > 1 ? w.get(1) : "";
    return switch (first) {
      case "VACUUM" -> true;
      case "CREATE" -> second.equals("DATABASE") || second.equals("TABLESPACE")
          || concurrentIndex(w.subList(1, w.size()), true);
      case "DROP" -> second.equals("DATABASE") || second.equals("TABLESPACE")
          || concurrentIndex(w.subList(1, w.size()), false);
      case "ALTER" -> second.equals("SYSTEM");
      case "REINDEX" -> reindexOutsideTransaction();
      case "COMMIT", "ROLLBACK" -> second.equals("PREPARED");
      default -> false;
    };
  }

  /**
   * Whether this is {@code ALTER TYPE … ADD VALUE}, which PostgreSQL before 12 refuses inside a
   * transaction block (12 and later accept it but forbid using the new value before commit).
   */
  public boolean addsEnumValue() {
    List<String> w = leadingWords(2);
    if (w.size() < 2 || !w.get(0).equals("ALTER") || !w.get(1).equals("TYPE")) {
      return false;
    }
    String previous = "";
    SqlLexer lexer = new SqlLexer(text);
    while (lexer.next()) {
      if (lexer.kind() == SqlLexer.Kind.WORD) {
        String word = lexer.token().toUpperCase(Locale.ROOT);
        if (previous.equals("ADD") && word.equals("VALUE")) {
          return true;
        }
        previous = word;
      } else if (lexer.kind() != SqlLexer.Kind.WHITESPACE && lexer.kind() != SqlLexer.Kind.COMMENT) {
        previous = "";
      }
    }
    return false;
  }

  /** {@link #needsNoTransaction()}, plus {@code ALTER TYPE … ADD VALUE} on servers before 12. */
  public boolean needsNoTransactionOn(int serverMajorVersion) {
    return needsNoTransaction() || (serverMajorVersion < 12 && addsEnumValue());
  }

  /**
   * For {@code CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name ON [ONLY] table …}: the
   * index's name and the table as written (quoted parts kept, schema-qualified or not), which a
   * failed run of it may leave behind as an invalid index. Empty for any other statement, and for
   * an index without a name (the server picks one).
   */
  public Optional<ConcurrentIndex> concurrentIndexCreated() {
    List<String> w = leadingWords(4);
    if (w.isEmpty() || !w.get(0).equals("CREATE") || !concurrentIndex(w.subList(1, w.size()), true)) {
      return Optional.empty();
    }
    List<String> tokens = new java.util.ArrayList<>();
    SqlLexer lexer = new SqlLexer(text);
    while (lexer.next() && tokens.size() < 16) {
      if (lexer.kind() == SqlLexer.Kind.WHITESPACE || lexer.kind() == SqlLexer.Kind.COMMENT) {
        continue;
      }
      boolean name = lexer.kind() == SqlLexer.Kind.WORD || lexer.kind() == SqlLexer.Kind.QUOTED_IDENTIFIER;
      if (!name && !lexer.token().equals(".")) {
        break;
      }
      tokens.add(lexer.token());
    }
    int i = 0;
    while (i < tokens.size() && !tokens.get(i).equalsIgnoreCase("CONCURRENTLY")) {
      i++;
    }
    i++;
    if (i + 2 < tokens.size() && tokens.get(i).equalsIgnoreCase("IF") && tokens.get(i + 1).equalsIgnoreCase("NOT")
        && tokens.get(i + 2).equalsIgnoreCase("EXISTS")) {
      i += 3;
    }
    if (i >= tokens.size() || tokens.get(i).equalsIgnoreCase("ON")) {
      return Optional.empty();
    }
    String index = identifier(tokens.get(i));
    i++;
    if (i >= tokens.size() || !tokens.get(i).equalsIgnoreCase("ON")) {
      return Optional.empty();
    }
    i++;
    if (i < tokens.size() && tokens.get(i).equalsIgnoreCase("ONLY")) {
      i++;
    }
    StringBuilder table = new StringBuilder();
    while (i < tokens.size() && (table.length() == 0 || tokens.get(i).equals(".") || table.charAt(table.length() - 1) == '.')) {
      table.append(tokens.get(i));
      i++;
    }
    return table.length() == 0 ? Optional.empty() : Optional.of(new ConcurrentIndex(index, table.toString()));
  }

  /** An index a {@code CREATE INDEX CONCURRENTLY} statement creates: its name, and its table as written in SQL. */
  public record ConcurrentIndex(String name, String table) {}

  /** An identifier's name: a quoted one unquoted, an unquoted one folded to lower case, as PostgreSQL does. */
  private static String identifier(String token) {
    if (token.length() >= 2 && token.startsWith("\"")) {
      return token.substring(1, token.length() - 1).replace("\"\"", "\"");
    }
    return token.toLowerCase(Locale.ROOT);
  }

  /** After CREATE/DROP: [UNIQUE] INDEX CONCURRENTLY. */
  private static boolean concurrentIndex(List<String> rest, boolean create) {
    int i = 0;
    if (create && i < rest.size() && rest.get(i).equals("UNIQUE")) {
      i++;
    }
    return i + 1 < rest.size() && rest.get(i).equals("INDEX") && rest.get(i + 1).equals("CONCURRENTLY");
  }

  /** REINDEX with CONCURRENTLY (as keyword or option), or of a whole database or the system catalogs. */
  private boolean reindexOutsideTransaction() {
    SqlLexer lexer = new SqlLexer(text);
    int words = 0;
    while (lexer.next() && words < 8) {
      if (lexer.kind() == SqlLexer.Kind.WORD) {
        String word = lexer.token().toUpperCase(Locale.ROOT);
        words++;
        if (word.equals("CONCURRENTLY") || word.equals("DATABASE") || word.equals("SYSTEM")) {
          return true;
        }
        if (word.equals("INDEX") || word.equals("TABLE") || word.equals("SCHEMA")) {
          // The object name follows; only CONCURRENTLY may still come before it.
          return nextWordIs(lexer, "CONCURRENTLY");
        }
      }
    }
    return false;
  }

  private static boolean nextWordIs(SqlLexer lexer, String expected) {
    while (lexer.next()) {
      if (lexer.kind() == SqlLexer.Kind.WHITESPACE || lexer.kind() == SqlLexer.Kind.COMMENT) {
        continue;
      }
      return lexer.kind() == SqlLexer.Kind.WORD && lexer.token().equalsIgnoreCase(expected);
    }
    return false;
  }

  private boolean rollbackToSavepoint() {
    List<String> w = leadingWords(3);
    return w.size() >= 3 && w.get(2).equals("TO");
  }
}
