package dev.strata.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The environment variables Strata reads: the process environment overlaid on the project's
 * {@code .env} files, each value remembering where it came from.
 *
 * <p>As with dotenv, a variable already set is never overwritten: the process environment wins over
 * every file, and an earlier file wins over a later one. Prisma 6 additionally expands {@code
 * ${VAR}} in file values (only the braced form; {@code \${VAR}} stays literal; an unknown variable
 * becomes empty); plain {@code import "dotenv/config"} in a Prisma 7 config does not.
 */
public final class Environment {

  /** One variable's value and its origin. */
  public record EnvValue(String name, String value, Optional<String> file) {
    public EnvValue {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(file, "file");
    }

    /** Where the value came from: a file as the user would write it, or "the environment". */
    public String origin() {
      return file.orElse("the environment");
    }

    /** The name with its origin, for messages: {@code DATABASE_URL (from .env)}. */
    public String describe() {
      return name + " (from " + origin() + ")";
    }

    /** Never prints the value: it may be a secret. */
    @Override
    public String toString() {
      return describe();
    }
  }

  private static final int MAX_EXPANSION_DEPTH = 16;

  private final Map<String, EnvValue> values;
  private final List<String> loadedFiles;

  private Environment(Map<String, EnvValue> values, List<String> loadedFiles) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.loadedFiles = List.copyOf(loadedFiles);
  }

  /** Only the process environment (or any injected map), with no files. */
  public static Environment of(Map<String, String> processEnv) {
    return load(Path.of(""), processEnv, List.of(), false);
  }

  /**
   * The process environment overlaid on the given {@code .env} files (in priority order; missing
   * files are skipped).
   *
   * @param workingDir the directory file names in messages are shown relative to
   * @param expand whether to apply Prisma 6's {@code ${VAR}} expansion to file values
   * @throws dev.strata.StrataException when a file exists but cannot be read
   */
  public static Environment load(Path workingDir, Map<String, String> processEnv, List<Path> files, boolean expand) {
    Map<String, EnvValue> values = new LinkedHashMap<>();
    processEnv.forEach(
        (k, v) -> {
          if (k != null && v != null) {
            values.put(k, new EnvValue(k, v, Optional.empty()));
          }
        });
    List<String> loaded = new ArrayList<>();
    List<Path> seen = new ArrayList<>();
    for (Path file : files) {
      Path normalized = file.toAbsolutePath().normalize();
      if (seen.contains(normalized) || !java.nio.file.Files.isRegularFile(normalized)) {
        continue;
      }
      seen.add(normalized);
      String display = displayPath(workingDir, normalized);
      Map<String, String> parsed = EnvFile.read(normalized).variables();
      loaded.add(display);
      Map<String, String> added = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : parsed.entrySet()) {
        if (!values.containsKey(e.getKey())) {
          added.put(e.getKey(), e.getValue());
        }
      }
      for (Map.Entry<String, String> e : added.entrySet()) {
        String value = expand ? expand(e.getValue(), values, added, 0) : e.getValue();
        values.put(e.getKey(), new EnvValue(e.getKey(), value, Optional.of(display)));
      }
    }
    return new Environment(values, loaded);
  }

  /** Prisma's expansion: {@code ${NAME}} from the environment so far, else from the same file. */
  private static String expand(String value, Map<String, EnvValue> env, Map<String, String> file, int depth) {
    if (value.indexOf("${") < 0 || depth > MAX_EXPANSION_DEPTH) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    int i = 0;
    while (i < value.length()) {
      int open = value.indexOf("${", i);
      if (open < 0) {
        out.append(value, i, value.length());
        break;
      }
      int close = value.indexOf('}', open + 2);
      String name = close < 0 ? null : value.substring(open + 2, close);
      if (name == null || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '_')) {
        out.append(value, i, open + 2);
        i = open + 2;
        continue;
      }
      if (open > 0 && value.charAt(open - 1) == '\\') {
        out.append(value, i, open - 1).append(value, open, close + 1);
      } else {
        out.append(value, i, open);
        EnvValue known = env.get(name);
        String replacement = known != null ? known.value() : expand(file.getOrDefault(name, ""), env, file, depth + 1);
        out.append(replacement);
      }
      i = close + 1;
    }
    return out.toString();
  }

  private static String displayPath(Path workingDir, Path file) {
    Path base = workingDir.toAbsolutePath().normalize();
    Path shown = file.startsWith(base) ? base.relativize(file) : file;
    return shown.toString().replace('\\', '/');
  }

  /** A variable's value, if set (an empty value counts as set). */
  public Optional<String> get(String name) {
    return lookup(name).map(EnvValue::value);
  }

  /** A variable with its origin, if set. */
  public Optional<EnvValue> lookup(String name) {
    return Optional.ofNullable(name == null ? null : values.get(name));
  }

  /** {@code NAME (from .env)} for a set variable, else just the name. */
  public String describe(String name) {
    return lookup(name).map(EnvValue::describe).orElse(name);
  }

  /** The files that were read, as the user would write them, in priority order. */
  public List<String> loadedFiles() {
    return loadedFiles;
  }

  /** The names of all variables (process and files). */
  public java.util.Set<String> names() {
    return values.keySet();
  }

  /** Lists the loaded files and the number of variables, never their values (they may be secrets). */
  @Override
  public String toString() {
    return "Environment[" + values.size() + " variables, files=" + loadedFiles + ", fromFiles="
        + new TreeSet<>(values.values().stream().filter(v -> v.file().isPresent()).map(EnvValue::name).toList()) + "]";
  }
}
