package dev.strata.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A value read from {@code prisma.config.ts} without running it: a string literal, a reference to
 * an environment variable, or an expression Strata cannot evaluate (kept as text for messages).
 */
public sealed interface ConfigValue {

  /** The value as the config file spells it, for messages: {@code env("DATABASE_URL")}. */
  String source();

  /** The value in the given environment; empty when unset or not statically readable. */
  Optional<String> resolve(Environment env);

  /** A string literal ({@code "prisma/schema.prisma"}), or a {@code path.join} of literals. */
  record Literal(String value) implements ConfigValue {
    public Literal {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String source() {
      return '"' + value + '"';
    }

    @Override
    public Optional<String> resolve(Environment env) {
      return Optional.of(value);
    }

    /** Never prints the value: a literal URL may hold a password. */
    @Override
    public String toString() {
      return "Literal[" + DatabaseUrl.mask(value) + "]";
    }
  }

  /**
   * {@code env("NAME")}, {@code process.env.NAME} or {@code process.env["NAME"]}, optionally with a
   * literal fallback ({@code process.env.NAME ?? "…"} or {@code || "…"}).
   */
  record EnvVar(String name, Optional<String> fallback) implements ConfigValue {
    public EnvVar {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public String source() {
      return "env(\"" + name + "\")";
    }

    @Override
    public Optional<String> resolve(Environment env) {
      return env.get(name).or(() -> fallback);
    }
  }

  /** An expression that is neither a literal nor an environment variable: {@code getUrl()}. */
  record Unreadable(String expression) implements ConfigValue {
    public Unreadable {
      Objects.requireNonNull(expression, "expression");
    }

    @Override
    public String source() {
      return expression;
    }

    @Override
    public Optional<String> resolve(Environment env) {
      return Optional.empty();
    }
  }
}
