package dev.strata.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One statement of a migration file in typed form: where it is (file, 1-based line), its text,
 * and PostgreSQL's parse tree for it ({@code libpg_query}'s JSON: the node type, e.g. {@code
 * AlterTableStmt}, and its fields), or the parser's error when PostgreSQL would reject it.
 *
 * @param file the file as shown to the user ({@code 20240101_init/migration.sql})
 * @param index the statement's 0-based position in its file
 * @param kind the parse-tree node type ({@code CreateStmt}, {@code IndexStmt}…), empty if unparsed
 * @param tree the node's fields, {@link MissingNode} if unparsed
 */
public record LintStatement(String file, int index, int line, String text, String kind, JsonNode tree,
    Optional<String> parseError) {

  public LintStatement {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tree, "tree");
    Objects.requireNonNull(parseError, "parseError");
  }

  public boolean parsed() {
    return parseError.isEmpty();
  }

  public boolean is(String nodeType) {
    return kind.equals(nodeType);
  }

  /** The statement's first line, for messages. */
  public String firstLine() {
    String t = text.strip();
    int nl = t.indexOf('\n');
    String line = (nl < 0 ? t : t.substring(0, nl)).stripTrailing();
    return line.length() > 100 ? line.substring(0, 97) + "..." : line;
  }
}
