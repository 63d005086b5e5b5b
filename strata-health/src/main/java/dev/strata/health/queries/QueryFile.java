package dev.strata.health.queries;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * A file of named queries with expectations: SQL with comment directives ({@code
 * prisma/queries.sql}), or TOML ({@code [[query]]} tables).
 *
 * <pre>
 * -- query: user by email
 * -- uses-index: User_email_key
 * -- no-seq-scan: User
 * -- rows: 1
 * -- result: alice@example.com
 * -- max-ms: 50
 * SELECT email FROM "User" WHERE email = 'alice@example.com';
 * </pre>
 */
public record QueryFile(Path path, List<NamedQuery> queries) {
  public QueryFile {
    queries = List.copyOf(queries);
  }

  /** One query and what is expected of it. */
  public record NamedQuery(
      String name, String sql, int line, List<String> usesIndex, List<String> noSeqScan, Optional<Long> rows, Optional<String> result,
      Optional<Double> maxMs) {}

  public static QueryFile read(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "The queries file " + path + " does not exist.");
    }
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not read " + path + ": " + e.getMessage());
    }
    List<NamedQuery> queries = path.toString().endsWith(".toml") ? toml(path, text) : sql(path, text);
    if (queries.isEmpty()) {
      throw new StrataException(ErrorCode.INVALID_INPUT, path + " names no query (start each with a line \"-- query: NAME\").");
    }
    return new QueryFile(path, queries);
  }

  static List<NamedQuery> sql(Path path, String text) {
    List<NamedQuery> queries = new ArrayList<>();
    Builder current = null;
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      String trimmed = line.strip();
      if (trimmed.startsWith("--")) {
        String directive = trimmed.substring(2).strip();
        int colon = directive.indexOf(':');
        if (colon > 0) {
          String key = directive.substring(0, colon).strip().toLowerCase(Locale.ROOT);
          String value = directive.substring(colon + 1).strip();
          if (key.equals("query")) {
            if (current != null) {
              queries.add(current.build(path));
            }
            current = new Builder(value, number);
            continue;
          }
          if (current != null && current.sql.toString().isBlank() && current.directive(key, value, path, number)) {
            continue;
          }
        }
        if (current != null && !current.sql.toString().isBlank()) {
          current.sql.append(line).append('\n');
        }
        continue;
      }
      if (current == null) {
        if (!trimmed.isEmpty()) {
          throw new StrataException(ErrorCode.INVALID_INPUT, path + " line " + number + ": SQL before the first \"-- query: NAME\" line.");
        }
        continue;
      }
      current.sql.append(line).append('\n');
    }
    if (current != null) {
      queries.add(current.build(path));
    }
    return queries;
  }

  static List<NamedQuery> toml(Path path, String text) {
    TomlParseResult toml = Toml.parse(text);
    if (toml.hasErrors()) {
      var error = toml.errors().get(0);
      throw new StrataException(ErrorCode.INVALID_INPUT, path + " line " + error.position().line() + ": " + error.getMessage());
    }
    TomlArray array = toml.getArray("query");
    if (array == null) {
      return List.of();
    }
    List<NamedQuery> queries = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      TomlTable table = array.getTable(i);
      int line = table.inputPositionOf("name") == null ? 0 : table.inputPositionOf("name").line();
      String name = table.getString("name");
      String sql = table.getString("sql");
      if (name == null || sql == null) {
        throw new StrataException(ErrorCode.INVALID_INPUT, path + ": [[query]] number " + (i + 1) + " needs name and sql.");
      }
      Builder b = new Builder(name, line);
      b.sql.append(sql);
      for (String key : table.keySet()) {
        if (key.equals("name") || key.equals("sql")) {
          continue;
        }
        Object value = table.get(List.of(key));
        List<String> values = new ArrayList<>();
        if (value instanceof TomlArray list) {
          for (int j = 0; j < list.size(); j++) {
            values.add(String.valueOf(list.get(j)));
          }
        } else {
          values.add(String.valueOf(value));
        }
        for (String v : values) {
          if (!b.directive(key.replace('_', '-'), v, path, line)) {
            throw new StrataException(ErrorCode.INVALID_INPUT, path + ": unknown key " + key + " in query \"" + name + "\".");
          }
        }
      }
      queries.add(b.build(path));
    }
    return queries;
  }

  private static final class Builder {
    final String name;
    final int line;
    final StringBuilder sql = new StringBuilder();
    final List<String> usesIndex = new ArrayList<>();
    final List<String> noSeqScan = new ArrayList<>();
    Optional<Long> rows = Optional.empty();
    Optional<String> result = Optional.empty();
    Optional<Double> maxMs = Optional.empty();

    Builder(String name, int line) {
      this.name = name;
      this.line = line;
    }

    /** Reads a directive; false when {@code key} is not one (then the comment is part of the SQL). */
    boolean directive(String key, String value, Path path, int number) {
      try {
        switch (key) {
          case "uses-index" -> usesIndex.add(value);
          case "no-seq-scan" -> noSeqScan.add(value);
          case "rows" -> rows = Optional.of(Long.parseLong(value));
          case "result" -> result = Optional.of(value);
          case "max-ms" -> maxMs = Optional.of(Double.parseDouble(value.replace("ms", "").strip()));
          default -> {
            return false;
          }
        }
      } catch (NumberFormatException e) {
        throw new StrataException(ErrorCode.INVALID_INPUT, path + " line " + number + ": " + key + " needs a number, not \"" + value + "\".");
      }
      return true;
    }

    NamedQuery build(Path path) {
      String text = sql.toString().strip();
      while (text.endsWith(";")) {
        text = text.substring(0, text.length() - 1).strip();
      }
      if (text.isEmpty()) {
        throw new StrataException(ErrorCode.INVALID_INPUT, path + " line " + line + ": query \"" + name + "\" has no SQL.");
      }
      return new NamedQuery(name, text, line, usesIndex, noSeqScan, rows, result, maxMs);
    }
  }
}
