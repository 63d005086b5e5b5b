package dev.strata.prisma.pull;

import dev.strata.prisma.ast.FieldDecl;
import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.DefaultValue;
import dev.strata.schema.EnumType;
import dev.strata.schema.Table;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Renders a column default as the argument of {@code @default(…)}: {@code autoincrement()} for
 * sequences and identity columns, {@code now()}, literals in Prisma's syntax, and
 * {@code dbgenerated("…")} with PostgreSQL's text for everything else.
 */
final class Defaults {
  private Defaults() {}

  static Optional<String> render(SchemaRenderer r, Table t, Column c, String family, Optional<FieldDecl> previous) {
    boolean integer = family.equals("Int") || family.equals("BigInt");
    if ((integer && (c.autoincrement() || c.identity().isPresent()))
        || c.defaultValue().filter(d -> d instanceof DefaultValue.NextVal).isPresent()) {
      return Optional.of("autoincrement()");
    }
    if (c.generated().isPresent()) {
      // Prisma shows a stored generated column's expression as its default.
      return Optional.of(dbgenerated(c.generated().get()));
    }
    if (c.defaultValue().isEmpty()) {
      return family.equals("String") ? SchemaRenderer.clientSideDefault(previous) : Optional.empty();
    }
    DefaultValue value = c.defaultValue().get();
    if (value instanceof DefaultValue.Now) {
      return Optional.of(family.equals("DateTime") ? "now()" : dbgenerated("now()"));
    }
    if (value instanceof DefaultValue.Expression e) {
      return Optional.of(dbgenerated(e.sql()));
    }
    if (value instanceof DefaultValue.NextVal) {
      return Optional.of("autoincrement()");
    }
    if (value instanceof DefaultValue.Literal lit) {
      return Optional.of(literal(r, c.type(), lit));
    }
    if (value instanceof DefaultValue.ListLiteral list) {
      List<String> items = new ArrayList<>();
      for (DefaultValue.Literal lit : list.values()) {
        if (lit.kind() == DefaultValue.LiteralKind.DATETIME) {
          // Prisma reads date-time array constants back as expressions only.
          return Optional.of(dbgenerated(arrayConstant(list)));
        }
        items.add(literal(r, c.type(), lit));
      }
      return Optional.of("[" + String.join(", ", items) + "]");
    }
    return Optional.empty();
  }

  private static String literal(SchemaRenderer r, ColumnType type, DefaultValue.Literal lit) {
    return switch (lit.kind()) {
      case NUMBER, BOOLEAN -> lit.value();
      case STRING, JSON -> IntrospectedNames.quote(lit.value());
      case BYTES -> IntrospectedNames.quote(base64(lit.value()));
      case ENUM_VALUE -> {
        Optional<EnumType> e = r.enumOf(type);
        yield e.map(en -> r.enumValueName(en, lit.value()).name()).filter(n -> !n.isEmpty()).orElse(IntrospectedNames.sanitize(lit.value()));
      }
      // Prisma does not parse date-time constants; it shows PostgreSQL's text of the default.
      case DATETIME -> dbgenerated("'" + lit.value().replace("'", "''") + "'::" + castName(type));
    };
  }

  /** How PostgreSQL prints the cast of a date-time constant. */
  private static String castName(ColumnType type) {
    return switch (type.name()) {
      case "TIMESTAMPTZ" -> "timestamp with time zone";
      case "DATE" -> "date";
      case "TIME" -> "time without time zone";
      case "TIMETZ" -> "time with time zone";
      default -> "timestamp without time zone";
    };
  }

  private static String arrayConstant(DefaultValue.ListLiteral list) {
    StringBuilder out = new StringBuilder("'{");
    for (int i = 0; i < list.values().size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append('"').append(list.values().get(i).value().replace("'", "''")).append('"');
    }
    return out.append("}'").toString();
  }

  static String dbgenerated(String sql) {
    return "dbgenerated(" + IntrospectedNames.quote(sql) + ")";
  }

  /** PostgreSQL's {@code \x68656c6c6f} as base64; the text itself when it is not hex. */
  static String base64(String value) {
    String hex = value.startsWith("\\x") ? value.substring(2) : value;
    try {
      return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      return value;
    }
  }
}
