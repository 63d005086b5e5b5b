package dev.strata.prisma.validate;

import dev.strata.diag.Diagnostic;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.ModelDecl;
import java.util.ArrayList;
import java.util.List;

/** The second stage: every field type must be a scalar, {@code Unsupported}, or a declared block. */
final class TypeValidator {
  private final ValidationContext ctx;

  TypeValidator(ValidationContext ctx) {
    this.ctx = ctx;
  }

  void validate() {
    List<String> candidates = new ArrayList<>(ValidationContext.SCALARS);
    candidates.addAll(ctx.models.keySet());
    candidates.addAll(ctx.enums.keySet());
    for (ModelDecl model : ctx.schema.models()) {
      for (FieldDecl field : model.fields()) {
        if (ctx.kindOf(field) != ValidationContext.TypeKind.UNKNOWN) {
          continue;
        }
        var name = field.type().get().name();
        Diagnostic d =
            Diagnostic.error(
                ValidationCodes.UNKNOWN_TYPE,
                "Type \"" + name.name() + "\" is neither a built-in type, nor refers to another model, composite type, or enum.",
                name.span());
        var suggestion = ValidationContext.closest(name.name(), candidates);
        if (suggestion.isPresent()) {
          d = d.withLabel("did you mean \"" + suggestion.get() + "\"?");
        }
        ctx.diagnostics.add(d);
      }
    }
  }
}
