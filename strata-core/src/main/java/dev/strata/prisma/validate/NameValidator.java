package dev.strata.prisma.validate;

import dev.strata.prisma.ast.ConfigBlock;
import dev.strata.prisma.ast.Declaration;
import dev.strata.prisma.ast.EnumDecl;
import dev.strata.prisma.ast.EnumValueDecl;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.Identifier;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.ast.PrismaFile;
import dev.strata.prisma.ast.Top;
import dev.strata.prisma.ast.TypeAliasDecl;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The first stage, as in Prisma's name resolution: identifiers, reserved names, duplicate blocks,
 * duplicate fields and enum values. Later stages only run when this one finds no error.
 */
final class NameValidator {
  private static final Set<String> RESERVED_MODEL_NAMES = Set.of("PrismaClient");

  private final ValidationContext ctx;

  NameValidator(ValidationContext ctx) {
    this.ctx = ctx;
  }

  void validate() {
    Map<String, Declaration> topNames = new HashMap<>();
    Map<String, ConfigBlock> generators = new HashMap<>();
    for (PrismaFile file : ctx.schema.files()) {
      for (Top top : file.items()) {
        if (top instanceof TypeAliasDecl alias) {
          ctx.error(
              ValidationCodes.TYPE_ALIAS,
              "Error validating: Invalid type definition. Please check the documentation in https://pris.ly/d/composite-types",
              alias.span());
        } else if (top instanceof ConfigBlock c && c.kind() == ConfigBlock.Kind.GENERATOR) {
          ConfigBlock earlier = generators.putIfAbsent(c.name().name(), c);
          if (earlier != null) {
            ctx.error(
                ValidationCodes.DUPLICATE_DECLARATION,
                "The generator \"" + c.name().name() + "\" cannot be defined because a generator with that name already exists.",
                c.name().span());
          }
        } else if (top instanceof ModelDecl m) {
          checkTopName(m, kindWord(m), topNames);
          checkFields(m);
        } else if (top instanceof EnumDecl e) {
          checkTopName(e, "enum", topNames);
          checkEnum(e);
        }
      }
    }
  }

  static String kindWord(Declaration d) {
    if (d instanceof ModelDecl m) {
      return switch (m.kind()) {
        case MODEL -> "model";
        case VIEW -> "view";
        case TYPE -> "composite type";
      };
    }
    return d.keyword();
  }

  private void checkTopName(Declaration d, String kind, Map<String, Declaration> topNames) {
    Identifier name = d.name();
    String capitalised = kind.equals("composite type") ? "Composite type" : Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
    if (!checkIdentifier(name, capitalised, kind)) {
      return;
    }
    if (ValidationContext.SCALARS.contains(name.name())) {
      ctx.error(
          ValidationCodes.RESERVED_NAME,
          "\"" + name.name() + "\" is a reserved scalar type name and cannot be used.",
          name.span());
      return;
    }
    if (d instanceof ModelDecl m && RESERVED_MODEL_NAMES.contains(name.name())) {
      ctx.error(
          ValidationCodes.RESERVED_NAME,
          ValidationContext.modelError(m, "The model name `" + name.name()
              + "` is invalid. It is a reserved name. Please change it. Read more at https://pris.ly/d/naming-models"),
          d.span());
      return;
    }
    Declaration earlier = topNames.putIfAbsent(name.name(), d);
    if (earlier != null) {
      ctx.error(
          ValidationCodes.DUPLICATE_DECLARATION,
          "The " + kind + " \"" + name.name() + "\" cannot be defined because a " + kindWord(earlier)
              + " with that name already exists.",
          name.span());
    }
  }

  /**
   * Prisma's identifier rules: no leading digit, no {@code -}. Returns false after reporting.
   * {@code startWord} is how the name is referred to in the leading-digit message.
   */
  private boolean checkIdentifier(Identifier id, String startWord, String kind) {
    String name = id.name();
    if (name.isEmpty()) {
      return false;
    }
    if (Character.isDigit(name.charAt(0))) {
      String word = kind.equals("view") || kind.equals("view field") ? kind.replace("view ", "") : startWord;
      ctx.error(
          ValidationCodes.NAME_STARTS_WITH_NUMBER,
          "Error validating: The name of a " + word + " must not start with a number.",
          id.span());
      return false;
    }
    if (name.indexOf('-') >= 0) {
      ctx.error(
          ValidationCodes.INVALID_NAME,
          "Error validating: The character `-` is not allowed in " + startWord + " names.",
          id.span());
      return false;
    }
    return true;
  }

  private void checkFields(ModelDecl model) {
    Set<String> seen = new HashSet<>();
    String kind = kindWord(model);
    for (FieldDecl field : model.fields()) {
      String fieldWord = model.kind() == ModelDecl.Kind.VIEW ? "view field" : "Field";
      if (!checkIdentifier(field.name(), "Field", fieldWord)) {
        continue;
      }
      if (!seen.add(field.name().name())) {
        ctx.error(
            ValidationCodes.DUPLICATE_FIELD,
            "Field \"" + field.name().name() + "\" is already defined on " + kind + " \"" + model.name().name() + "\".",
            field.name().span());
      }
    }
  }

  private void checkEnum(EnumDecl e) {
    if (e.values().isEmpty()) {
      ctx.error(ValidationCodes.EMPTY_ENUM, "Error validating: An enum must have at least one value.", e.span());
      return;
    }
    Set<String> seen = new HashSet<>();
    for (EnumValueDecl value : e.values()) {
      if (!checkIdentifier(value.name(), "Enum Value", "enum value")) {
        continue;
      }
      if (!seen.add(value.name().name())) {
        ctx.error(
            ValidationCodes.DUPLICATE_ENUM_VALUE,
            "Value \"" + value.name().name() + "\" is already defined on enum \"" + e.name().name() + "\".",
            value.name().span());
      }
    }
  }
}
