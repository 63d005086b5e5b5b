package dev.strata.lint;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * The {@code [lint]} table of the project's {@code strata.toml}:
 *
 * <pre>
 * [lint]
 * enable = ["LN070", "snake-case"]     # rules off by default (conventions, Prisma-tripped ones)
 * disable = ["LN054"]
 * prisma = false                       # the migrations are not Prisma's (default: migration_lock.toml decides)
 * index_prefix = "idx"                 # convention settings
 *
 * [[lint.ignore]]
 * code = "LN001"
 * path = "20240101000000_drop_legacy"  # a migration folder or file (prefix); omit for every file
 * reason = "legacy tables archived, OPS-12"
 * </pre>
 */
public final class LintToml {
  public static final String FILE = dev.strata.config.StrataToml.FILE;

  /** What the file says. */
  public record Lint(Set<String> enable, Set<String> disable, Optional<Boolean> prisma, List<LintSettings.Ignore> ignores,
      Map<String, String> options) {
    public static Lint none() {
      return new Lint(Set.of(), Set.of(), Optional.empty(), List.of(), Map.of());
    }
  }

  private LintToml() {}

  /** Reads {@code strata.toml} in {@code projectDir}; an absent file or table means nothing set. */
  public static Lint read(Path projectDir) {
    Optional<TomlParseResult> parsed = dev.strata.config.StrataToml.read(projectDir);
    if (parsed.isEmpty()) {
      return Lint.none();
    }
    TomlParseResult toml = parsed.get();
    TomlTable lint = toml.getTable("lint");
    if (lint == null) {
      return Lint.none();
    }
    Set<String> enable = codes(lint, "enable");
    Set<String> disable = codes(lint, "disable");
    Optional<Boolean> prisma = Optional.ofNullable(lint.getBoolean("prisma"));
    List<LintSettings.Ignore> ignores = new ArrayList<>();
    TomlArray ig = lint.getArray("ignore");
    if (ig != null) {
      for (int i = 0; i < ig.size(); i++) {
        TomlTable t = ig.getTable(i);
        String code = t.getString("code");
        if (code == null || LintRules.byCode(code).isEmpty()) {
          throw new StrataException(ErrorCode.CONFIG, FILE + ": [[lint.ignore]] entry " + (i + 1) + " needs code = \"LNxxx\" naming a lint rule"
              + (code == null ? "" : " (got \"" + code + "\")"));
        }
        ignores.add(new LintSettings.Ignore(code.toUpperCase(Locale.ROOT), t.getString("path", () -> ""), t.getString("reason", () -> "")));
      }
    }
    Map<String, String> options = new HashMap<>();
    for (String key : lint.keySet()) {
      Object v = lint.get(key);
      if (v instanceof String || v instanceof Number) {
        options.put(key, String.valueOf(v));
      }
    }
    return new Lint(enable, disable, prisma, ignores, options);
  }

  private static Set<String> codes(TomlTable lint, String key) {
    Set<String> out = new HashSet<>();
    TomlArray a = lint.getArray(key);
    if (a == null) {
      return out;
    }
    for (int i = 0; i < a.size(); i++) {
      Object v = a.get(i);
      String s = String.valueOf(v).trim();
      Optional<LintRule> rule = LintRules.byCode(s).or(() -> LintRules.all().stream().filter(r -> r.name().equals(s)).findFirst());
      if (rule.isEmpty()) {
        throw new StrataException(ErrorCode.CONFIG, FILE + ": [lint] " + key + " names \"" + s + "\", which is not a lint rule (codes LN001…, or names such as drop-table; see strata explain --list)");
      }
      out.add(rule.get().code());
    }
    return out;
  }
}
