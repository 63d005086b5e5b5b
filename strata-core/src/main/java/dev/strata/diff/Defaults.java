package dev.strata.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.DefaultValue;
import dev.strata.schema.DefaultValue.Expression;
import dev.strata.schema.DefaultValue.ListLiteral;
import dev.strata.schema.DefaultValue.Literal;
import dev.strata.schema.DefaultValue.LiteralKind;
import dev.strata.schema.DefaultValue.NextVal;
import dev.strata.schema.DefaultValue.Now;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Semantic comparison of column defaults, with Prisma's rules: JSON compared as values, numbers
 * numerically, datetime literals never (they cannot be compared reliably), expressions without
 * regard to case, sequence defaults left to the autoincrement comparison.
 */
final class Defaults {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Defaults() {}

  static boolean match(Column from, Column to) {
    if (from.defaultValue().orElse(null) instanceof ListLiteral x && to.defaultValue().orElse(null) instanceof ListLiteral y
        && !x.values().isEmpty() && !y.values().isEmpty()
        && !Objects.equals(numberKind(from.type()), numberKind(to.type()))) {
      // Prisma compares list defaults as typed values: [0, 10] of Int is not [0, 10] of BigInt, so a
      // list whose element type changes family has its default set again, with the new cast.
      return false;
    }
    return match(from.defaultValue(), to.defaultValue());
  }

  /**
   * The kind of number a column's values are in Prisma ({@code Int}, {@code BigInt}, or {@code Float}
   * for floats and decimals alike); null for types that are not numbers.
   */
  private static String numberKind(ColumnType type) {
    if (type.kind() != ColumnType.Kind.BUILTIN) {
      return null;
    }
    return switch (type.name()) {
      case "INTEGER", "SMALLINT", "OID" -> "Int";
      case "BIGINT" -> "BigInt";
      case "DOUBLE PRECISION", "REAL", "DECIMAL", "MONEY" -> "Float";
      default -> null;
    };
  }

  static boolean match(Optional<DefaultValue> previous, Optional<DefaultValue> next) {
    if (previous.isEmpty() && next.isEmpty()) {
      return true;
    }
    if (next.isPresent() && next.get() instanceof NextVal) {
      return true; // a sequence default is the autoincrement's business
    }
    if (previous.isPresent() && previous.get() instanceof NextVal) {
      return next.isEmpty(); // dropped with the sequence; any other default is a change
    }
    if (previous.isEmpty() || next.isEmpty()) {
      return false;
    }
    DefaultValue a = previous.get();
    DefaultValue b = next.get();
    if (isDateTime(a) || isDateTime(b)) {
      return true;
    }
    if (a instanceof Now && b instanceof Now) {
      return true;
    }
    if (a instanceof Expression x && b instanceof Expression y) {
      return x.sql().trim().toLowerCase(Locale.ROOT).equals(y.sql().trim().toLowerCase(Locale.ROOT));
    }
    if (a instanceof Literal x && b instanceof Literal y) {
      return literalsMatch(x, y);
    }
    if (a instanceof ListLiteral x && b instanceof ListLiteral y) {
      List<Literal> xs = x.values();
      List<Literal> ys = y.values();
      if (xs.size() != ys.size()) {
        return false;
      }
      for (int i = 0; i < xs.size(); i++) {
        if (!literalsMatch(xs.get(i), ys.get(i))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean isDateTime(DefaultValue value) {
    return value instanceof Literal l && l.kind() == LiteralKind.DATETIME;
  }

  private static boolean literalsMatch(Literal a, Literal b) {
    if (a.kind() == LiteralKind.DATETIME || b.kind() == LiteralKind.DATETIME) {
      return true;
    }
    if (a.kind() == LiteralKind.JSON || b.kind() == LiteralKind.JSON) {
      return jsonMatch(a.value(), b.value());
    }
    if (a.kind() == LiteralKind.NUMBER && b.kind() == LiteralKind.NUMBER) {
      try {
        return new BigDecimal(a.value().trim()).compareTo(new BigDecimal(b.value().trim())) == 0;
      } catch (NumberFormatException e) {
        return a.value().equals(b.value());
      }
    }
    if (a.kind() == LiteralKind.BOOLEAN && b.kind() == LiteralKind.BOOLEAN) {
      return a.value().trim().equalsIgnoreCase(b.value().trim());
    }
    boolean textual = (a.kind() == LiteralKind.STRING || a.kind() == LiteralKind.ENUM_VALUE)
        && (b.kind() == LiteralKind.STRING || b.kind() == LiteralKind.ENUM_VALUE);
    if (textual) {
      return a.value().equals(b.value());
    }
    return a.kind() == b.kind() && a.value().equals(b.value());
  }

  /** JSON values compared as values; text that does not parse compares as equal (as in Prisma). */
  private static boolean jsonMatch(String a, String b) {
    try {
      JsonNode x = JSON.readTree(a);
      JsonNode y = JSON.readTree(b);
      if (x == null || y == null) {
        return true;
      }
      return x.equals(y);
    } catch (Exception e) {
      return true;
    }
  }
}
