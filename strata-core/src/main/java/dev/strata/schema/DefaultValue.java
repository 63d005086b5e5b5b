package dev.strata.schema;

/** A column default, in a form both lowering and introspection can produce and the differ can compare. */
public sealed interface DefaultValue {

  /**
   * A constant: {@code kind} tells how to render and compare it; {@code value} is the value itself
   * (unquoted, unescaped: {@code it's}, {@code 42}, {@code true}, {@code SLEEPY}).
   */
  record Literal(LiteralKind kind, String value) implements DefaultValue {}

  /** A list constant ({@code ARRAY['a', 'b']::TEXT[]}), elements as literals. */
  record ListLiteral(java.util.List<Literal> values) implements DefaultValue {
    public ListLiteral {
      values = java.util.List.copyOf(values);
    }
  }

  /** {@code CURRENT_TIMESTAMP} (Prisma's {@code now()}). */
  record Now() implements DefaultValue {}

  /** {@code nextval('seq'::regclass)}: a sequence-backed default. */
  record NextVal(String sequenceName) implements DefaultValue {}

  /** Any other SQL expression, kept as text ({@code dbgenerated("gen_random_uuid()")}, {@code now()}). */
  record Expression(String sql) implements DefaultValue {}

  /** How a literal is written in SQL. */
  enum LiteralKind {
    STRING,
    NUMBER,
    BOOLEAN,
    ENUM_VALUE,
    JSON,
    BYTES,
    DATETIME
  }
}
