package dev.strata.config;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Strata can read from a Prisma config file ({@code prisma.config.ts} and its siblings) without
 * running TypeScript: a tolerant scanner for {@code export default defineConfig({…})}, {@code export
 * default {…} satisfies PrismaConfig}, {@code module.exports = …} and a {@code const} they name.
 *
 * <p>Values are string literals, {@code path.join}/{@code path.resolve} of literals, {@code
 * env("X")}, {@code process.env.X} / {@code process.env["X"]} (optionally {@code ?? "fallback"});
 * anything else is kept as {@link ConfigValue.Unreadable} with its text, so callers can say what to
 * set instead. Relative paths are relative to the config file's folder (as Prisma resolves them).
 * The scanner never throws on file content; odd constructs end up in {@link #notes()}.
 *
 * <p>It also records the {@code .env} files the config loads itself ({@code import "dotenv/config"},
 * {@code dotenv.config({ path })}, {@code process.loadEnvFile()}), since Prisma 7 does not load
 * {@code .env} when a config file exists. Those paths are relative to the working directory, as
 * dotenv resolves them against {@code process.cwd()}.
 */
public record PrismaConfigFile(
    Path path,
    Optional<ConfigValue> schema,
    Optional<ConfigValue> migrationsPath,
    Optional<ConfigValue> seed,
    Optional<ConfigValue> viewsPath,
    Optional<ConfigValue> datasourceUrl,
    Optional<ConfigValue> shadowDatabaseUrl,
    List<String> dotenvFiles,
    List<String> notes) {

  /** Larger config files are refused (they are a dozen lines in practice). */
  public static final long MAX_BYTES = 1024 * 1024;

  private static final List<String> EXTENSIONS = List.of(".js", ".ts", ".mjs", ".cjs", ".mts", ".cts");

  /**
   * The file names Prisma 7 looks for, in its order: first the Prisma 7-specific names ({@code
   * prisma7.config.*}, {@code .config/prisma7.*}), then {@code prisma.config.*}, {@code
   * prisma.config/index.*}, {@code .config/prisma.*}, {@code .config/prisma/index.*}, {@code
   * .config/prisma.config.*} and {@code .config/prisma.config/index.*}; each with the extensions
   * {@code .js .ts .mjs .cjs .mts .cts} in that order.
   */
  public static final List<String> CANDIDATES = candidates();

  public PrismaConfigFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(migrationsPath, "migrationsPath");
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(viewsPath, "viewsPath");
    Objects.requireNonNull(datasourceUrl, "datasourceUrl");
    Objects.requireNonNull(shadowDatabaseUrl, "shadowDatabaseUrl");
    dotenvFiles = List.copyOf(dotenvFiles);
    notes = List.copyOf(notes);
  }

  private static List<String> candidates() {
    List<String> out = new ArrayList<>();
    for (String base : List.of("prisma7.config", ".config/prisma7")) {
      EXTENSIONS.forEach(ext -> out.add(base + ext));
    }
    for (String base : List.of("prisma.config", ".config/prisma", ".config/prisma.config")) {
      EXTENSIONS.forEach(ext -> out.add(base + ext));
      EXTENSIONS.forEach(ext -> out.add(base + "/index" + ext));
    }
    return List.copyOf(out);
  }

  /** The first config file Prisma would pick in a directory. */
  public static Optional<Path> find(Path dir) {
    for (String candidate : CANDIDATES) {
      Path file = dir.resolve(candidate);
      if (Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /** Finds and reads the config file of a directory, if there is one. */
  public static Optional<PrismaConfigFile> load(Path dir) {
    return find(dir).map(PrismaConfigFile::read);
  }

  /**
   * Reads a config file.
   *
   * @throws StrataException when the file is missing ({@link ErrorCode#FILE_NOT_FOUND}), unreadable
   *     or too large ({@link ErrorCode#CONFIG}); never because of what it contains
   */
  public static PrismaConfigFile read(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new StrataException(
            ErrorCode.CONFIG, "The Prisma config file " + file + " is too large (" + size + " bytes) to be a config file.");
      }
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      return parse(file, text);
    } catch (NoSuchFileException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "The Prisma config file " + file + " does not exist.");
    } catch (AccessDeniedException e) {
      throw new StrataException(ErrorCode.CONFIG, "Could not read the Prisma config file " + file + ": permission denied.");
    } catch (IOException e) {
      throw new StrataException(ErrorCode.CONFIG, "Could not read the Prisma config file " + file + ": " + e.getMessage());
    }
  }

  /** Scans config text. Never throws. */
  public static PrismaConfigFile parse(Path path, String text) {
    return new Scanner(path, text == null ? "" : text).scan();
  }

  /** The folder relative paths in this config are resolved against. */
  public Path directory() {
    Path abs = path.toAbsolutePath();
    return abs.getParent() == null ? abs : abs.getParent();
  }

  /** The file name as the user would write it: {@code prisma.config.ts}. */
  public String fileName() {
    Path name = path.getFileName();
    return name == null ? path.toString() : name.toString();
  }

  // =============================================================================== scanner

  /** A token of the TypeScript subset the scanner needs; {@code text} is decoded for strings. */
  private record Token(Kind kind, String text, int start, int end) {}

  private enum Kind {
    STRING,
    TEMPLATE, // a template literal with ${…}: not static
    IDENT,
    NUMBER,
    PUNCT,
    EOF
  }

  /** A parsed value: a nested object, or an expression given by a token range. */
  private sealed interface Node permits ObjectNode, ExprNode {}

  private record ObjectNode(Map<String, Node> properties) implements Node {}

  private record ExprNode(int from, int to) implements Node {}

  private static final class Scanner {
    private static final int MAX_DEPTH = 32;

    private final Path path;
    private final String text;
    private final List<Token> tokens;
    private final List<String> notes = new ArrayList<>();

    Scanner(Path path, String text) {
      this.path = path;
      this.text = text;
      this.tokens = lex(text);
    }

    PrismaConfigFile scan() {
      Optional<ObjectNode> config = Optional.empty();
      try {
        config = findConfigObject();
      } catch (StackOverflowError e) {
        notes.add("The config file nests too deeply to be read.");
      }
      if (config.isEmpty() && notes.isEmpty()) {
        notes.add("No `export default defineConfig({ … })` (or `export default { … }`) found; nothing was read from it.");
      }
      ObjectNode root = config.orElse(new ObjectNode(Map.of()));
      return new PrismaConfigFile(
          path,
          value(root, "schema"),
          value(root, "migrations", "path"),
          value(root, "migrations", "seed"),
          value(root, "views", "path"),
          value(root, "datasource", "url"),
          value(root, "datasource", "shadowDatabaseUrl"),
          dotenvFiles(),
          notes);
    }

    private Optional<ConfigValue> value(ObjectNode root, String... keys) {
      Node node = root;
      for (String key : keys) {
        if (node instanceof ExprNode expr) {
          // `datasource: ds` with `const ds = { … }` elsewhere in the file.
          Optional<ObjectNode> named = objectOfExpression(expr.from(), 1);
          if (named.isEmpty()) {
            notes.add("`" + String.join(".", keys) + "` is inside `" + textOf(expr) + "`, which Strata cannot read.");
            return Optional.empty();
          }
          node = named.get();
        }
        if (!(node instanceof ObjectNode obj) || !obj.properties().containsKey(key)) {
          return Optional.empty();
        }
        node = obj.properties().get(key);
      }
      if (node instanceof ExprNode expr) {
        return Optional.of(classify(expr.from(), expr.to(), 0));
      }
      return Optional.of(new ConfigValue.Unreadable(String.join(".", keys) + " is an object"));
    }

    // ------------------------------------------------------------------ finding the config object

    private Optional<ObjectNode> findConfigObject() {
      for (int i = 0; i < tokens.size(); i++) {
        if (isIdent(i, "export") && isIdent(i + 1, "default")) {
          return objectOfExpression(i + 2, 0);
        }
        if (isIdent(i, "module") && isPunct(i + 1, ".") && isIdent(i + 2, "exports") && isPunct(i + 3, "=")) {
          return objectOfExpression(i + 4, 0);
        }
      }
      return Optional.empty();
    }

    /** The object an expression evaluates to: {@code {…}}, {@code defineConfig({…})}, a const name. */
    private Optional<ObjectNode> objectOfExpression(int i, int depth) {
      if (depth > MAX_DEPTH) {
        return Optional.empty();
      }
      while (isPunct(i, "(")) {
        i++;
      }
      if (isPunct(i, "{")) {
        return Optional.of(parseObject(i, new int[1], depth));
      }
      if (tok(i).kind() == Kind.IDENT && isPunct(i + 1, "(")) {
        // defineConfig({ … }) or any wrapper call: take its first argument.
        return objectOfExpression(i + 2, depth + 1);
      }
      if (tok(i).kind() == Kind.IDENT && isPunct(i + 1, "<")) {
        int close = skipGeneric(i + 1);
        if (isPunct(close, "(")) {
          return objectOfExpression(close + 1, depth + 1);
        }
      }
      if (tok(i).kind() == Kind.IDENT) {
        int decl = findDeclaration(tok(i).text());
        if (decl >= 0) {
          return objectOfExpression(decl, depth + 1);
        }
        if (depth == 0) {
          notes.add("The config exports `" + tok(i).text() + "`, whose value Strata cannot find.");
        }
      }
      return Optional.empty();
    }

    /** The first token of the initializer of {@code const|let|var NAME (: Type)? =}, or -1. */
    private int findDeclaration(String name) {
      for (int i = 0; i + 2 < tokens.size(); i++) {
        if ((isIdent(i, "const") || isIdent(i, "let") || isIdent(i, "var")) && isIdent(i + 1, name)) {
          int j = i + 2;
          if (isPunct(j, ":")) {
            while (j < tokens.size() && !isPunct(j, "=") && !isPunct(j, ";")) {
              j++;
            }
          }
          if (isPunct(j, "=")) {
            return j + 1;
          }
        }
      }
      return -1;
    }

    private int skipGeneric(int open) {
      int depth = 0;
      for (int j = open; j < tokens.size(); j++) {
        if (isPunct(j, "<")) {
          depth++;
        } else if (isPunct(j, ">")) {
          depth--;
          if (depth == 0) {
            return j + 1;
          }
        }
      }
      return tokens.size();
    }

    /** Parses {@code { … }} starting at the '{'; {@code end[0]} receives the index after the '}'. */
    private ObjectNode parseObject(int open, int[] end, int depth) {
      Map<String, Node> props = new LinkedHashMap<>();
      int i = open + 1;
      while (i < tokens.size() && !isPunct(i, "}")) {
        if (isPunct(i, ",")) {
          i++;
          continue;
        }
        if (isPunct(i, "...")) {
          int stop = expressionEnd(i + 1);
          notes.add("A spread `" + textOf(i, stop) + "` in the config cannot be read.");
          i = stop;
          continue;
        }
        String key = null;
        Token t = tok(i);
        if (t.kind() == Kind.IDENT || t.kind() == Kind.STRING || t.kind() == Kind.NUMBER) {
          key = t.text();
          i++;
        } else if (isPunct(i, "[")) {
          i = skipBalanced(i);
        } else {
          i++;
          continue;
        }
        if (isPunct(i, "?")) {
          i++;
        }
        if (isPunct(i, ":")) {
          int valueStart = i + 1;
          if (isPunct(valueStart, "{") && depth < MAX_DEPTH) {
            int[] objEnd = new int[1];
            ObjectNode nested = parseObject(valueStart, objEnd, depth + 1);
            int stop = expressionEnd(objEnd[0]);
            // `{ … } as const` or `{ … } satisfies X` is still the object; `{…}.x` is not.
            Node node = stop == objEnd[0] || onlyTypeSuffix(objEnd[0], stop) ? nested : new ExprNode(valueStart, stop);
            putIfKey(props, key, node);
            i = stop;
          } else {
            int stop = expressionEnd(valueStart);
            putIfKey(props, key, new ExprNode(valueStart, stop));
            i = stop;
          }
        } else if (isPunct(i, "(") || isPunct(i, "<")) {
          // A method such as `async seed() { … }`: skip its parameters and body.
          i = expressionEnd(i);
        } else if (key != null && (isPunct(i, ",") || isPunct(i, "}"))) {
          // Shorthand `{ schema }`: the value is the variable of that name.
          putIfKey(props, key, new ExprNode(i - 1, i));
        } else {
          i = expressionEnd(i);
        }
      }
      end[0] = Math.min(i + 1, tokens.size());
      return new ObjectNode(props);
    }

    private boolean onlyTypeSuffix(int from, int to) {
      return (isIdent(from, "as") || isIdent(from, "satisfies")) && to > from;
    }

    private static void putIfKey(Map<String, Node> props, String key, Node node) {
      if (key != null) {
        props.put(key, node);
      }
    }

    /** Index of the ',' or '}' (at bracket depth 0) that ends the expression starting at i. */
    private int expressionEnd(int i) {
      int depth = 0;
      for (int j = i; j < tokens.size(); j++) {
        Token t = tok(j);
        if (t.kind() != Kind.PUNCT) {
          continue;
        }
        switch (t.text()) {
          case "(", "[", "{" -> depth++;
          case ")", "]", "}" -> {
            if (depth == 0) {
              return j;
            }
            depth--;
          }
          case "," -> {
            if (depth == 0) {
              return j;
            }
          }
          default -> {}
        }
      }
      return tokens.size();
    }

    private int skipBalanced(int open) {
      int depth = 0;
      for (int j = open; j < tokens.size(); j++) {
        if (isPunct(j, "(") || isPunct(j, "[") || isPunct(j, "{")) {
          depth++;
        } else if (isPunct(j, ")") || isPunct(j, "]") || isPunct(j, "}")) {
          depth--;
          if (depth <= 0) {
            return j + 1;
          }
        }
      }
      return tokens.size();
    }

    // ------------------------------------------------------------------ classifying values

    private ConfigValue classify(int from, int to, int depth) {
      // Type assertions and non-null marks do not change the value.
      while (to - from >= 3 && (isIdent(to - 2, "as") || isIdent(to - 2, "satisfies"))) {
        to -= 2;
      }
      while (to - from >= 2 && isPunct(to - 1, "!")) {
        to--;
      }
      while (to - from >= 3 && isPunct(from, "(") && isPunct(to - 1, ")") && skipBalanced(from) == to) {
        from++;
        to--;
      }
      int len = to - from;
      if (len == 1 && tok(from).kind() == Kind.STRING) {
        return new ConfigValue.Literal(tok(from).text());
      }
      Optional<String> env = envName(from, to);
      if (env.isPresent()) {
        return new ConfigValue.EnvVar(env.get(), Optional.empty());
      }
      // process.env.X ?? "fallback" / || "fallback"
      for (int op = from + 1; op < to - 1; op++) {
        if ((isPunct(op, "??") || isPunct(op, "||")) && op + 2 == to && tok(op + 1).kind() == Kind.STRING) {
          Optional<String> name = envName(from, op);
          if (name.isPresent()) {
            return new ConfigValue.EnvVar(name.get(), Optional.of(tok(op + 1).text()));
          }
        }
      }
      Optional<String> joined = pathCall(from, to);
      if (joined.isPresent()) {
        return new ConfigValue.Literal(joined.get());
      }
      if (len == 1 && tok(from).kind() == Kind.IDENT && depth < MAX_DEPTH) {
        int decl = findDeclaration(tok(from).text());
        if (decl >= 0) {
          ConfigValue resolved = classify(decl, statementEnd(decl), depth + 1);
          if (!(resolved instanceof ConfigValue.Unreadable)) {
            return resolved;
          }
        }
      }
      return new ConfigValue.Unreadable(textOf(from, to));
    }

    private int statementEnd(int i) {
      int depth = 0;
      for (int j = i; j < tokens.size(); j++) {
        if (isPunct(j, "(") || isPunct(j, "[") || isPunct(j, "{")) {
          depth++;
        } else if (isPunct(j, ")") || isPunct(j, "]") || isPunct(j, "}")) {
          depth--;
        } else if (depth == 0 && (isPunct(j, ";") || isIdent(j, "export") || isIdent(j, "const") || isIdent(j, "let"))) {
          return j;
        }
      }
      return tokens.size();
    }

    /** {@code env("X")}, {@code env<T>("X")}, {@code process.env.X}, {@code process.env["X"]}. */
    private Optional<String> envName(int from, int to) {
      int len = to - from;
      if (len == 4 && isIdent(from, "env") && isPunct(from + 1, "(") && tok(from + 2).kind() == Kind.STRING && isPunct(from + 3, ")")) {
        return Optional.of(tok(from + 2).text());
      }
      if (isIdent(from, "env") && isPunct(from + 1, "<")) {
        int after = skipGeneric(from + 1);
        if (after + 3 == to && isPunct(after, "(") && tok(after + 1).kind() == Kind.STRING && isPunct(after + 2, ")")) {
          return Optional.of(tok(after + 1).text());
        }
      }
      if (isIdent(from, "process") && (isPunct(from + 1, ".") || isPunct(from + 1, "?.")) && isIdent(from + 2, "env")) {
        if (len == 5 && (isPunct(from + 3, ".") || isPunct(from + 3, "?.")) && tok(from + 4).kind() == Kind.IDENT) {
          return Optional.of(tok(from + 4).text());
        }
        if (len == 6 && isPunct(from + 3, "[") && tok(from + 4).kind() == Kind.STRING && isPunct(from + 5, "]")) {
          return Optional.of(tok(from + 4).text());
        }
      }
      return Optional.empty();
    }

    /** {@code path.join("a", "b")} / {@code path.resolve(__dirname, "a")} of static parts. */
    private Optional<String> pathCall(int from, int to) {
      int i = from;
      if (isIdent(i, "path") && isPunct(i + 1, ".")) {
        i += 2;
      }
      if (!(isIdent(i, "join") || isIdent(i, "resolve")) || !isPunct(i + 1, "(") || !isPunct(to - 1, ")")) {
        return Optional.empty();
      }
      List<String> parts = new ArrayList<>();
      int j = i + 2;
      while (j < to - 1) {
        int stop = Math.min(expressionEnd(j), to - 1);
        if (stop - j == 1 && tok(j).kind() == Kind.STRING) {
          parts.add(tok(j).text());
        } else if (stop - j == 1 && isIdent(j, "__dirname")
            || stop - j == 5 && isIdent(j, "import") && isIdent(j + 2, "meta") && isIdent(j + 4, "dirname")
            || stop - j == 5 && isIdent(j, "process") && isIdent(j + 2, "cwd") && isPunct(j + 3, "(")) {
          parts.add(".");
        } else {
          return Optional.empty();
        }
        j = stop + 1;
      }
      if (parts.isEmpty()) {
        return Optional.empty();
      }
      String joined = String.join("/", parts).replaceAll("/+", "/");
      try {
        String normalized = Path.of(joined).normalize().toString().replace('\\', '/');
        return Optional.of(normalized.isEmpty() ? "." : normalized);
      } catch (RuntimeException e) {
        return Optional.of(joined);
      }
    }

    // ------------------------------------------------------------------ dotenv

    private List<String> dotenvFiles() {
      List<String> files = new ArrayList<>();
      boolean importsDotenv = false;
      for (Token t : tokens) {
        if (t.kind() == Kind.STRING && t.text().equals("dotenv")) {
          importsDotenv = true;
        }
      }
      for (int i = 0; i < tokens.size(); i++) {
        Token t = tok(i);
        if (t.kind() == Kind.STRING && (t.text().equals("dotenv/config") || t.text().equals("dotenv/config.js"))) {
          files.add(".env");
        } else if (t.kind() == Kind.STRING && t.text().startsWith("dotenv-") && t.text().endsWith("/config")) {
          notes.add("`" + t.text() + "` is not understood; only `.env` files loaded by dotenv are read.");
        } else if (isIdent(i, "process") && isPunct(i + 1, ".") && isIdent(i + 2, "loadEnvFile") && isPunct(i + 3, "(")) {
          files.addAll(envPathArguments(i + 4, "process.loadEnvFile"));
        } else if (importsDotenv && isIdent(i, "config") && isPunct(i + 1, "(") && !isPunct(i - 1, ":")) {
          files.addAll(envPathArguments(i + 2, "dotenv.config"));
        }
      }
      return files;
    }

    /** The .env paths of {@code config()}, {@code config({ path: "x" })}, {@code loadEnvFile("x")}. */
    private List<String> envPathArguments(int i, String call) {
      if (isPunct(i, ")")) {
        return List.of(".env");
      }
      if (tok(i).kind() == Kind.STRING) {
        return List.of(tok(i).text());
      }
      if (isPunct(i, "{")) {
        ObjectNode options = parseObject(i, new int[1], 0);
        Node p = options.properties().get("path");
        if (p == null) {
          return List.of(".env");
        }
        if (p instanceof ExprNode expr) {
          List<String> paths = new ArrayList<>();
          int from = expr.from();
          int to = expr.to();
          if (isPunct(from, "[") && isPunct(to - 1, "]")) {
            for (int j = from + 1; j < to - 1; j++) {
              if (tok(j).kind() == Kind.STRING) {
                paths.add(tok(j).text());
              }
            }
            return paths;
          }
          ConfigValue v = classify(from, to, 0);
          if (v instanceof ConfigValue.Literal lit) {
            return List.of(lit.value());
          }
          notes.add("`" + call + "` loads `" + v.source() + "`, which Strata cannot read; set the variables in the environment.");
        }
        return List.of();
      }
      notes.add("`" + call + "(" + textOf(i, expressionEnd(i)) + ")` cannot be read; set the variables in the environment.");
      return List.of();
    }

    // ------------------------------------------------------------------ tokens

    private Token tok(int i) {
      return i >= 0 && i < tokens.size() ? tokens.get(i) : new Token(Kind.EOF, "", text.length(), text.length());
    }

    private boolean isIdent(int i, String name) {
      Token t = tok(i);
      return t.kind() == Kind.IDENT && t.text().equals(name);
    }

    private boolean isPunct(int i, String p) {
      Token t = tok(i);
      return t.kind() == Kind.PUNCT && t.text().equals(p);
    }

    private String textOf(ExprNode e) {
      return textOf(e.from(), e.to());
    }

    /** The source text of tokens [from, to), whitespace collapsed and shortened for messages. */
    private String textOf(int from, int to) {
      if (from >= to || from >= tokens.size()) {
        return "";
      }
      int start = tok(from).start();
      int end = tok(Math.min(to, tokens.size()) - 1).end();
      String s = text.substring(Math.max(0, start), Math.max(start, Math.min(end, text.length())));
      s = s.replaceAll("\\s+", " ").strip();
      return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static List<Token> lex(String s) {
      List<Token> out = new ArrayList<>();
      int n = s.length();
      int i = 0;
      while (i < n) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c) || c == '\uFEFF') {
          i++;
        } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
          while (i < n && s.charAt(i) != '\n') {
            i++;
          }
        } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
          int close = s.indexOf("*/", i + 2);
          i = close < 0 ? n : close + 2;
        } else if (c == '"' || c == '\'') {
          StringBuilder value = new StringBuilder();
          int j = i + 1;
          while (j < n && s.charAt(j) != c && s.charAt(j) != '\n') {
            if (s.charAt(j) == '\\' && j + 1 < n) {
              j = unescape(s, j, value);
            } else {
              value.append(s.charAt(j++));
            }
          }
          int end = Math.min(j + 1, n);
          out.add(new Token(Kind.STRING, value.toString(), i, end));
          i = end;
        } else if (c == '`') {
          StringBuilder value = new StringBuilder();
          boolean dynamic = false;
          int j = i + 1;
          while (j < n && s.charAt(j) != '`') {
            if (s.charAt(j) == '\\' && j + 1 < n) {
              j = unescape(s, j, value);
            } else if (s.charAt(j) == '$' && j + 1 < n && s.charAt(j + 1) == '{') {
              dynamic = true;
              j = skipTemplateExpression(s, j + 2);
            } else {
              value.append(s.charAt(j++));
            }
          }
          int end = Math.min(j + 1, n);
          out.add(new Token(dynamic ? Kind.TEMPLATE : Kind.STRING, value.toString(), i, end));
          i = end;
        } else if (Character.isJavaIdentifierStart(c)) {
          int j = i + 1;
          while (j < n && Character.isJavaIdentifierPart(s.charAt(j)) && s.charAt(j) != '\u0000') {
            j++;
          }
          out.add(new Token(Kind.IDENT, s.substring(i, j), i, j));
          i = j;
        } else if (Character.isDigit(c)) {
          int j = i + 1;
          while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.' || s.charAt(j) == '_')) {
            j++;
          }
          out.add(new Token(Kind.NUMBER, s.substring(i, j), i, j));
          i = j;
        } else {
          String p = String.valueOf(c);
          for (String multi : new String[] {"...", "??", "||", "&&", "=>", "?.", "==="}) {
            if (s.startsWith(multi, i)) {
              p = multi;
              break;
            }
          }
          out.add(new Token(Kind.PUNCT, p, i, i + p.length()));
          i += p.length();
        }
      }
      return out;
    }

    /** Appends the character of the escape at {@code s[j] == '\\'}; returns the index after it. */
    private static int unescape(String s, int j, StringBuilder value) {
      char e = s.charAt(j + 1);
      switch (e) {
        case 'n' -> value.append('\n');
        case 't' -> value.append('\t');
        case 'r' -> value.append('\r');
        case '0' -> value.append('\0');
        case 'u' -> {
          if (j + 5 < s.length() && s.substring(j + 2, j + 6).chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            value.append((char) Integer.parseInt(s.substring(j + 2, j + 6), 16));
            return j + 6;
          }
          value.append('u');
        }
        case 'x' -> {
          if (j + 3 < s.length() && s.substring(j + 2, j + 4).chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            value.append((char) Integer.parseInt(s.substring(j + 2, j + 4), 16));
            return j + 4;
          }
          value.append('x');
        }
        case '\n' -> {} // a line continuation
        default -> value.append(e);
      }
      return j + 2;
    }

    /** Skips a template's {@code ${ … }} (nested braces and strings included). */
    private static int skipTemplateExpression(String s, int j) {
      int depth = 1;
      while (j < s.length() && depth > 0) {
        char c = s.charAt(j);
        if (c == '{') {
          depth++;
        } else if (c == '}') {
          depth--;
        } else if (c == '"' || c == '\'' || c == '`') {
          int close = s.indexOf(c, j + 1);
          j = close < 0 ? s.length() - 1 : close;
        }
        j++;
      }
      return j;
    }
  }
}
