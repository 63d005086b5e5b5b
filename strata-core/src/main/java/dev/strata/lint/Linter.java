package dev.strata.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.strata.LintFinding;
import dev.strata.LintResult;
import dev.strata.LintSeverity;
import dev.strata.dialect.LockLevel;
import dev.strata.lint.StatementFacts.TableSize;
import dev.strata.lint.parse.ParseCache;
import dev.strata.lint.parse.PgQuery;
import dev.strata.migrate.SqlSplitter;
import dev.strata.migrate.SqlStatement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints migration files: splits each into statements ({@link SqlSplitter}), parses each with
 * PostgreSQL's own grammar ({@link PgQuery}), and runs every enabled rule of {@link LintRules} on
 * it. Files are linted in the order given, and what earlier files created (tables, their indexes)
 * is remembered for the later ones.
 */
public final class Linter {
  /** Rows and bytes at or under which a table is small enough that locking it does not matter. */
  static final long SMALL_ROWS = 10_000;
  static final long SMALL_BYTES = 16L << 20;
  /** Rows or bytes from which a lock or rewrite finding is an error. */
  static final long LARGE_ROWS = 1_000_000;
  static final long LARGE_BYTES = 1L << 30;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IGNORE = Pattern.compile(
      "--\\s*strata-lint-ignore\\s+((?:LN\\d{3}\\s*,?\\s*)+)(?::\\s*([^\\n]*))?", Pattern.CASE_INSENSITIVE);

  /** One migration file: its name as shown, and its text. */
  public record Input(String file, String text) {}

  private final LintSettings settings;
  private final List<LintRule> rules;
  private final Map<String, List<List<String>>> indexes = new HashMap<>();
  private final Set<String> tables = new HashSet<>();
  private final Map<String, Map<String, String>> columnTypes = new HashMap<>();
  private final List<LintFinding> findings = new ArrayList<>();
  private final List<LintResult.Suppressed> suppressed = new ArrayList<>();
  private int statements;
  private int unparsed;
  private ParseCache parseCache = ParseCache.none();

  public Linter(LintSettings settings) {
    this.settings = settings;
    this.rules = LintRules.all().stream().filter(settings::runs).toList();
  }

  public List<LintFinding> findings() {
    return List.copyOf(findings);
  }

  public List<LintResult.Suppressed> suppressed() {
    return List.copyOf(suppressed);
  }

  public int statements() {
    return statements;
  }

  public int unparsed() {
    return unparsed;
  }

  /** Parses through {@code cache} (default: none, every statement is parsed). */
  public Linter parseCache(ParseCache cache) {
    this.parseCache = cache;
    return this;
  }

  /**
   * Lints files in order, after parsing them on up to two threads (each with its own parser
   * instance: the WebAssembly parser is single-threaded).
   */
  public void lintAll(List<Input> inputs) {
    int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
    if (threads < 2 || inputs.size() < 8) {
      inputs.forEach(this::lint);
      return;
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "strata-lint-parse");
      t.setDaemon(true);
      return t;
    });
    try {
      List<java.util.concurrent.Future<List<LintStatement>>> parsed = new ArrayList<>();
      // two interleaved halves, so each thread's parser warms up on its own share
      for (Input input : inputs) {
        parsed.add(pool.submit(() -> parse(input, parseCache)));
      }
      for (int i = 0; i < inputs.size(); i++) {
        lint(inputs.get(i), parsed.get(i).get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while parsing", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Parses the statements of one file (without linting them). */
  public static List<LintStatement> parse(Input input) {
    return parse(input, ParseCache.none());
  }

  /** Parses the statements of one file through {@code cache}. */
  public static List<LintStatement> parse(Input input, ParseCache cache) {
    List<LintStatement> out = new ArrayList<>();
    for (SqlStatement s : SqlSplitter.split(input.text())) {
      PgQuery.Result r = cache.parse(s.text());
      if (!r.ok()) {
        int line = r.errorPosition() > 0 ? s.lineOf(r.errorPosition()) : s.startLine();
        out.add(new LintStatement(input.file(), out.size(), s.startLine(), s.text(), "", MissingNode.getInstance(),
            Optional.of(r.error() + (line != s.startLine() ? " (line " + line + ")" : ""))));
        continue;
      }
      JsonNode tree;
      try {
        tree = JSON.readTree(r.json());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (JsonNode st : tree.path("stmts")) {
        JsonNode stmt = st.path("stmt");
        String kind = Nodes.type(stmt);
        out.add(new LintStatement(input.file(), out.size(), s.startLine(), s.text(), kind, stmt.path(kind), Optional.empty()));
      }
    }
    return out;
  }

  /** Lints one file, after those linted before with this linter. */
  public void lint(Input input) {
    lint(input, parse(input, parseCache));
  }

  private void lint(Input input, List<LintStatement> parsed) {
    Map<Integer, Map<String, String>> ignores = ignoreComments(input.text());
    FileState state = new FileState(input.file(), parsed, ignores);
    for (LintStatement s : parsed) {
      statements++;
      state.index = s.index();
      if (!s.parsed()) {
        unparsed++;
      }
      for (LintRule rule : rules) {
        state.rule = rule;
        state.statement = s;
        try {
          rule.check().check(s, s.tree(), state);
        } catch (RuntimeException e) {
          throw new IllegalStateException(rule.code() + " failed on " + s.file() + ":" + s.line() + ": " + e, e);
        }
      }
      state.after(s);
    }
    findings.addAll(state.found);
  }

  /** {@code -- strata-lint-ignore LN020, LN021: reason} comments by line. */
  static Map<Integer, Map<String, String>> ignoreComments(String text) {
    Map<Integer, Map<String, String>> out = new HashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = IGNORE.matcher(lines[i]);
      if (m.find()) {
        String reason = m.group(2) == null || m.group(2).isBlank() ? "no reason given" : m.group(2).strip();
        Map<String, String> codes = new HashMap<>();
        for (String code : m.group(1).split("[\\s,]+")) {
          if (!code.isBlank()) {
            codes.put(code.strip().toUpperCase(Locale.ROOT), reason);
          }
        }
        out.put(i + 1, codes);
      }
    }
    return out;
  }

  /** The state of one file as its statements are checked in order. */
  private final class FileState implements RuleScope {
    final String file;
    final List<LintStatement> all;
    final Set<String> created = new HashSet<>();
    final Set<String> validated = new HashSet<>();
    final List<LintFinding> found = new ArrayList<>();
    boolean lockTimeout;
    boolean explicitTransaction;
    int index;
    LintRule rule;
    LintStatement statement;

    final Map<Integer, Map<String, String>> ignores;

    FileState(String file, List<LintStatement> all, Map<Integer, Map<String, String>> ignores) {
      this.file = file;
      this.all = all;
      this.ignores = ignores;
    }

    /** The reason of a {@code strata-lint-ignore} comment for {@code code} on the statement or above it. */
    private String ignoreReason(String code) {
      int from = index == 0 ? 0 : endLine(all.get(index - 1));
      int to = endLine(statement);
      for (Map.Entry<Integer, Map<String, String>> e : ignores.entrySet()) {
        if (e.getKey() > from && e.getKey() <= to && e.getValue().containsKey(code)) {
          return e.getValue().get(code);
        }
      }
      for (LintSettings.Ignore ig : settings.ignores()) {
        if (ig.matches(file, code)) {
          return (ig.reason().isEmpty() ? "" : ig.reason() + " ") + "(strata.toml)";
        }
      }
      return null;
    }

    private int endLine(LintStatement s) {
      return s.line() + (int) s.text().chars().filter(c -> c == '\n').count();
    }

    void after(LintStatement s) {
      JsonNode n = s.tree();
      switch (s.kind()) {
        case "CreateStmt", "CreateTableAsStmt" -> {
          String rel = Nodes.relation(s.is("CreateStmt") ? n.path("relation") : n.path("into").path("rel"));
          created.add(rel);
          tables.add(rel);
          indexes.remove(rel);
          Map<String, String> types = new HashMap<>();
          columnTypes.put(rel, types);
          for (JsonNode elt : Nodes.list(n, "tableElts")) {
            if (elt.has("ColumnDef")) {
              types.put(elt.path("ColumnDef").path("colname").asText(), Nodes.typeName(elt.path("ColumnDef").path("typeName")));
            }
            JsonNode c = elt.path("Constraint");
            if (c.isObject() && (c.path("contype").asText().equals("CONSTR_PRIMARY") || c.path("contype").asText().equals("CONSTR_UNIQUE"))) {
              indexes.computeIfAbsent(rel, k -> new ArrayList<>()).add(Nodes.names(c.path("keys")));
            }
            JsonNode col = elt.path("ColumnDef");
            for (JsonNode cc : Nodes.list(col, "constraints")) {
              String t = cc.path("Constraint").path("contype").asText();
              if (t.equals("CONSTR_PRIMARY") || t.equals("CONSTR_UNIQUE")) {
                indexes.computeIfAbsent(rel, k -> new ArrayList<>()).add(List.of(col.path("colname").asText()));
              }
            }
          }
        }
        case "IndexStmt" -> {
          String rel = Nodes.relation(n.path("relation"));
          created.add(qualify(n.path("relation"), n.path("idxname").asText("")));
          List<String> cols = new ArrayList<>();
          for (JsonNode e : Nodes.list(n, "indexParams")) {
            cols.add(e.path("IndexElem").path("name").asText(""));
          }
          indexes.computeIfAbsent(rel, k -> new ArrayList<>()).add(cols);
        }
        case "VariableSetStmt" -> {
          if (n.path("name").asText().equalsIgnoreCase("lock_timeout")) {
            lockTimeout = true;
          }
        }
        case "TransactionStmt" -> {
          String kind = n.path("kind").asText();
          if (kind.equals("TRANS_STMT_BEGIN") || kind.equals("TRANS_STMT_START")) {
            explicitTransaction = true;
          } else if (kind.equals("TRANS_STMT_COMMIT") || kind.equals("TRANS_STMT_ROLLBACK")) {
            explicitTransaction = false;
          }
        }
        case "AlterTableStmt" -> {
          String rel = Nodes.relation(n.path("relation"));
          for (JsonNode cmd : Nodes.list(n, "cmds")) {
            JsonNode c = cmd.path("AlterTableCmd");
            String sub = c.path("subtype").asText();
            if (sub.equals("AT_AddColumn")) {
              JsonNode col = c.path("def").path("ColumnDef");
              columnTypes.computeIfAbsent(rel, k -> new HashMap<>()).put(col.path("colname").asText(), Nodes.typeName(col.path("typeName")));
            } else if (sub.equals("AT_AlterColumnType")) {
              columnTypes.computeIfAbsent(rel, k -> new HashMap<>())
                  .put(c.path("name").asText(), Nodes.typeName(c.path("def").path("ColumnDef").path("typeName")));
            } else if (sub.equals("AT_ValidateConstraint")) {
              validated.add(rel);
            } else if (sub.equals("AT_AddConstraint")) {
              JsonNode con = c.path("def").path("Constraint");
              String t = con.path("contype").asText();
              if (t.equals("CONSTR_PRIMARY") || t.equals("CONSTR_UNIQUE")) {
                indexes.computeIfAbsent(rel, k -> new ArrayList<>()).add(Nodes.names(con.path("keys")));
              }
            }
          }
        }
        case "RenameStmt" -> {
          if (n.path("renameType").asText().equals("OBJECT_TABLE")) {
            String rel = Nodes.relation(n.path("relation"));
            String to = qualify(n.path("relation"), n.path("newname").asText());
            if (created.remove(rel)) {
              created.add(to);
            }
            if (tables.remove(rel)) {
              tables.add(to);
            }
            List<List<String>> idx = indexes.remove(rel);
            if (idx != null) {
              indexes.put(to, idx);
            }
          }
        }
        default -> { }
      }
    }

    private String qualify(JsonNode rangeVar, String name) {
      String schema = rangeVar.path("schemaname").asText("");
      return schema.isEmpty() || schema.equals("public") ? name : schema + "." + name;
    }

    @Override
    public void report(String message) {
      add(rule.severity(), message, Optional.empty(), Optional.empty(), "", Optional.empty());
    }

    @Override
    public void report(String message, String relation) {
      add(rule.severity(), message, Optional.of(relation), Optional.empty(), "", Optional.empty());
    }

    @Override
    public void report(String message, String relation, String fix) {
      add(rule.severity(), message, Optional.of(relation), Optional.empty(), "", Optional.empty(), Optional.of(fix));
    }

    @Override
    public void lock(String relation, LockLevel lock, boolean rewrite, boolean scan, String message) {
      if (createdHere(relation)) {
        return;
      }
      Optional<TableSize> size = Optional.ofNullable(settings.sizes().get(relation));
      StatementFacts facts = new StatementFacts(relation, lock, rewrite, scan, settings.observer().observe(statement), size);
      if (!facts.harmful()) {
        return;
      }
      LintSeverity severity = rule.severity();
      if (size.isPresent()) {
        TableSize t = size.get();
        if (t.rows() <= SMALL_ROWS && t.bytes() <= SMALL_BYTES && (t.rows() >= 0 || t.bytes() <= 64 * 1024)) {
          return;
        }
        if (t.rows() >= LARGE_ROWS || t.bytes() >= LARGE_BYTES) {
          severity = LintSeverity.ERROR;
        }
      }
      String what = facts.rewrites() ? ", rewrites the table" : facts.scans() ? ", scans the table" : "";
      String sized = size.map(t -> "; " + (t.rows() < 0 ? "not analyzed" : t.rows() + " rows") + ", " + human(t.bytes())).orElse("");
      add(severity, message + " (" + facts.lockMode() + what + sized + "; "
          + (facts.observed().isPresent() ? "observed on the shadow database" : "static rule (not observed)") + ")",
          Optional.of(relation), Optional.of(facts.lockMode()), facts.basis(), size);
    }

    private void add(LintSeverity severity, String message, Optional<String> relation, Optional<String> lockMode, String basis,
        Optional<TableSize> size) {
      add(severity, message, relation, lockMode, basis, size, Optional.empty());
    }

    private void add(LintSeverity severity, String message, Optional<String> relation, Optional<String> lockMode, String basis,
        Optional<TableSize> size, Optional<String> fix) {
      LintFinding f = new LintFinding(rule.code(), rule.name(), severity, file, statement.line(), statement.firstLine(), message,
          fix.orElseGet(() -> LintRules.fixFor(rule, statement)), relation, lockMode, basis,
          size.map(t -> OptionalLong.of(t.rows())).orElse(OptionalLong.empty()),
          size.map(t -> OptionalLong.of(t.bytes())).orElse(OptionalLong.empty()));
      String reason = ignoreReason(rule.code());
      if (reason != null) {
        suppressed.add(new LintResult.Suppressed(f, reason));
      } else {
        found.add(f);
      }
    }

    @Override
    public boolean observed() {
      return settings.observer().observe(statement).isPresent();
    }

    @Override
    public boolean createdHere(String relation) {
      return created.contains(relation);
    }

    @Override
    public boolean lockTimeoutSet() {
      return lockTimeout;
    }

    @Override
    public boolean prisma() {
      return settings.prisma();
    }

    @Override
    public List<LintStatement> fileStatements() {
      return all;
    }

    @Override
    public int index() {
      return index;
    }

    @Override
    public boolean inExplicitTransaction() {
      return explicitTransaction;
    }

    @Override
    public boolean validatedEarlier(String relation) {
      return validated.contains(relation);
    }

    @Override
    public boolean indexed(String relation, List<String> columns) {
      for (List<String> idx : indexes.getOrDefault(relation, List.of())) {
        if (idx.size() >= columns.size() && idx.subList(0, columns.size()).equals(columns)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean tableKnown(String relation) {
      return tables.contains(relation);
    }

    @Override
    public Optional<String> columnType(String relation, String column) {
      return Optional.ofNullable(columnTypes.getOrDefault(relation, Map.of()).get(column));
    }

    @Override
    public String setting(String key, String fallback) {
      return settings.options().getOrDefault(key, fallback);
    }
  }

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
