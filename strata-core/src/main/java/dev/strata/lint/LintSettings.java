package dev.strata.lint;

import dev.strata.lint.StatementFacts.TableSize;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a lint run judges: rules turned on or off ({@code strata.toml}), whether the migrations are
 * Prisma's, the target's table sizes, the observation source, and the suppressions of {@code
 * strata.toml}.
 *
 * @param sizes table sizes by relation ({@code name}, or {@code schema.name} outside {@code public})
 * @param options the other {@code [lint]} settings (conventions: {@code index_name}, …)
 */
public record LintSettings(Set<String> enabled, Set<String> disabled, boolean prisma, Map<String, TableSize> sizes,
    ObservationSource observer, List<Ignore> ignores, Map<String, String> options) {

  public LintSettings {
    enabled = Set.copyOf(enabled);
    disabled = Set.copyOf(disabled);
    sizes = Map.copyOf(sizes);
    Objects.requireNonNull(observer, "observer");
    ignores = List.copyOf(ignores);
    options = Map.copyOf(options);
  }

  /** Defaults: every rule on by default, not Prisma, no sizes, no observation. */
  public static LintSettings defaults() {
    return new LintSettings(Set.of(), Set.of(), false, Map.of(), ObservationSource.NONE, List.of(), Map.of());
  }

  public LintSettings withPrisma(boolean value) {
    return new LintSettings(enabled, disabled, value, sizes, observer, ignores, options);
  }

  public LintSettings withEnabled(Set<String> codes) {
    return new LintSettings(codes, disabled, prisma, sizes, observer, ignores, options);
  }

  public LintSettings withSizes(Map<String, TableSize> value) {
    return new LintSettings(enabled, disabled, prisma, value, observer, ignores, options);
  }

  public LintSettings withObserver(ObservationSource value) {
    return new LintSettings(enabled, disabled, prisma, sizes, value, ignores, options);
  }

  /** Whether {@code rule} runs: enabled explicitly, or on by default and not disabled (nor off for Prisma). */
  public boolean runs(LintRule rule) {
    if (disabled.contains(rule.code()) || disabled.contains(rule.name())) {
      return false;
    }
    if (enabled.contains(rule.code()) || enabled.contains(rule.name())) {
      return true;
    }
    return rule.defaultOn() && !(prisma && rule.prismaOff().isPresent());
  }

  /**
   * A suppression from {@code strata.toml}: findings of {@code code} in files whose shown path
   * starts with {@code path} (empty: every file).
   */
  public record Ignore(String code, String path, String reason) {
    public boolean matches(String file, String findingCode) {
      return code.equals(findingCode) && (path.isEmpty() || file.startsWith(path) || file.contains("/" + path));
    }
  }
}
