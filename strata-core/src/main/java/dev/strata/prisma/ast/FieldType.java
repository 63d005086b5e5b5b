package dev.strata.prisma.ast;

import dev.strata.diag.Span;
import java.util.Optional;

/**
 * The type of a field as written: a name ({@code String}, a model, an enum) or
 * {@code Unsupported("…")}, with its arity.
 */
public record FieldType(Identifier name, Arity arity, Optional<StringLiteral> unsupported, Span span) {

  /** Whether the field is required, optional ({@code ?}), a list ({@code []}) or the invalid {@code []?}. */
  public enum Arity {
    REQUIRED(""),
    OPTIONAL("?"),
    LIST("[]"),
    /** {@code Type[]?}: a parse error in Prisma, kept as written by the formatter. */
    OPTIONAL_LIST("[]?");

    private final String suffix;

    Arity(String suffix) {
      this.suffix = suffix;
    }

    public String suffix() {
      return suffix;
    }
  }

  public boolean isUnsupported() {
    return unsupported.isPresent();
  }

  /** The type as it would be written back: {@code Int?}, {@code Unsupported("x")[]}, … */
  public String render() {
    String base = unsupported.map(s -> "Unsupported(" + s.raw() + ")").orElse(name.name());
    return base + arity.suffix();
  }
}
