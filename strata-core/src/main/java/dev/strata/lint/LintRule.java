package dev.strata.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.LintSeverity;
import java.util.Objects;
import java.util.Optional;

/**
 * One lint rule: a stable code ({@code LNxxx}, never reused), its severity and category, what it
 * means and why it matters (for {@code strata explain}), the safe alternative as SQL, and a minimal
 * migration it fires on ({@code bad}) and one it stays quiet on ({@code good}); the tests run both.
 *
 * @param defaultOn whether the rule runs without being enabled in {@code strata.toml}
 * @param prismaOff why the rule is off by default for a Prisma project (Prisma's own SQL always
 *     trips it), or empty when it is not
 */
public record LintRule(String code, String name, LintSeverity severity, Category category, String title,
    String explanation, String why, String safeSql, String bad, String good, boolean defaultOn,
    Optional<String> prismaOff, Check check) {

  public LintRule {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(prismaOff, "prismaOff");
  }

  /** The families of rules. */
  public enum Category {
    DATA_LOSS("data loss"),
    DATA_DEPENDENT("fails on existing data"),
    LOCKS("locks and rewrites"),
    COMPATIBILITY("breaks the running application"),
    QUALITY("schema quality"),
    CONVENTION("conventions"),
    PARSE("parse");

    private final String label;

    Category(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The rule's test of one statement; it reports through {@code scope}. */
  @FunctionalInterface
  public interface Check {
    void check(LintStatement statement, JsonNode node, RuleScope scope);
  }

  /** The explanation for {@code strata explain}, in the registry's three paragraphs. */
  public String explain() {
    return "What it means: " + explanation + "\nWhy it happens: " + why + "\nWhat to do: use the safe alternative:\n"
        + safeSql.strip();
  }
}
