package dev.strata.prisma.validate;

import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FunctionCall;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The arguments of one attribute, matched against the names it accepts the way Prisma does: the
 * unnamed argument takes the attribute's default parameter name; unknown, repeated and missing
 * arguments are reported.
 */
final class Args {
  private final Map<String, Argument> byName = new HashMap<>();
  /** False when reading the arguments reported an error. */
  final boolean ok;

  private Args(boolean ok) {
    this.ok = ok;
  }

  /**
   * Reads {@code attr}'s arguments. {@code positional} is the name the unnamed argument stands for
   * (empty when the attribute takes none), {@code named} the accepted names.
   */
  static Args read(ValidationContext ctx, Attribute attr, String displayName, Optional<String> positional, Set<String> named) {
    List<Argument> args = attr.args();
    List<Argument> unnamed = args.stream().filter(a -> a.name().isEmpty()).toList();
    boolean ok = true;
    Args out;
    if (unnamed.size() > 1 && positional.isPresent()) {
      String list = unnamed.stream().map(FunctionCall::renderArgument).collect(Collectors.joining(", "));
      ctx.error(
          ValidationCodes.INVALID_ARGUMENT,
          ValidationContext.attributeError(displayName.substring(1),
              "You provided multiple unnamed arguments. This is not possible. Did you forget the brackets? Did you mean `[" + list + "]`?"),
          attr.span());
      return new Args(false);
    }
    out = new Args(true);
    for (Argument a : args) {
      String name;
      if (a.name().isPresent()) {
        name = a.name().get().name();
        if (!named.contains(name) && !positional.map(name::equals).orElse(false)) {
          ctx.error(ValidationCodes.UNKNOWN_ARGUMENT, "No such argument.", a.span());
          ok = false;
          continue;
        }
      } else if (positional.isPresent()) {
        name = positional.get();
      } else {
        ctx.error(ValidationCodes.UNKNOWN_ARGUMENT, "No such argument.", a.span());
        ok = false;
        continue;
      }
      if (out.byName.putIfAbsent(name, a) != null) {
        ctx.error(ValidationCodes.DUPLICATE_ARGUMENT, "Argument \"" + name + "\" is already specified.", a.span());
        ok = false;
      }
    }
    if (!ok) {
      return new Args(false);
    }
    return out;
  }

  Optional<Argument> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  Optional<Expression> value(String name) {
    return get(name).flatMap(Argument::value);
  }

  boolean has(String name) {
    return byName.containsKey(name);
  }
}
