package dev.strata.postgres.render;

import static dev.strata.schema.change.Change.TypeChange.NOT_CASTABLE;
import static dev.strata.schema.change.Change.TypeChange.RISKY_CAST;
import static dev.strata.schema.change.Change.TypeChange.SAFE_CAST;

import dev.strata.dialect.TypeMapper;
import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.change.Change.TypeChange;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * PostgreSQL's type rules as Prisma Migrate applies them: which type changes are safe casts
 * ({@code SET DATA TYPE}), risky casts (a warning), or not castable (the column is dropped and
 * recreated).
 */
public final class PgTypeMapper implements TypeMapper {

  @Override
  public Optional<TypeChange> typeChange(Column from, Column to) {
    ColumnType a = from.type();
    ColumnType b = to.type();
    boolean aEnum = a.kind() == ColumnType.Kind.ENUM;
    boolean bEnum = b.kind() == ColumnType.Kind.ENUM;
    if (aEnum || bEnum) {
      if (aEnum && bEnum && a.name().equals(b.name()) && a.enumSchema().equals(b.enumSchema()) && a.array() == b.array()) {
        return Optional.empty();
      }
      return Optional.of(NOT_CASTABLE);
    }
    boolean listToScalar = a.array() && !b.array();
    boolean scalarToList = !a.array() && b.array();
    Optional<Native> next = Native.of(b);
    if (listToScalar && next.isPresent()) {
      Native n = next.get();
      if (n.is("TEXT") || (n.is("VARCHAR") && n.arg().isEmpty())) {
        return Optional.of(SAFE_CAST);
      }
      if (n.is("VARCHAR") || n.is("CHAR")) {
        return Optional.of(RISKY_CAST);
      }
    }
    if (listToScalar || scalarToList) {
      return Optional.of(NOT_CASTABLE);
    }
    Optional<Native> previous = Native.of(a);
    if (previous.isPresent() && next.isPresent()) {
      return nativeChange(previous.get(), next.get());
    }
    if (previous.isEmpty() && next.isEmpty()) {
      // Prisma compares an unsupported type with itself here, so a change between two
      // unsupported types is never seen. Kept: introspected spellings (format_type) and the
      // schema's Unsupported("…") text rarely agree byte for byte, and a change would loop forever.
      return Optional.empty();
    }
    return Optional.of(RISKY_CAST);
  }

  @Override
  public String displayType(Column column) {
    ColumnType t = column.type();
    String base = switch (t.kind()) {
      case ENUM -> t.name();
      case UNSUPPORTED -> t.name();
      case BUILTIN -> Native.of(t).map(Native::display).orElse(t.name());
    };
    return t.array() ? base + "[]" : base;
  }

  /** A builtin type as Prisma's native type: canonical name plus optional modifiers. */
  record Native(String name, List<Integer> args) {
    static Optional<Native> of(ColumnType type) {
      if (type.kind() != ColumnType.Kind.BUILTIN) {
        return Optional.empty();
      }
      return Optional.of(new Native(type.name().toUpperCase(Locale.ROOT), type.args()));
    }

    boolean is(String n) {
      return name.equals(n);
    }

    Optional<Integer> arg() {
      return args.isEmpty() ? Optional.empty() : Optional.of(args.get(0));
    }

    Optional<Integer> scale() {
      return args.size() < 2 ? Optional.empty() : Optional.of(args.get(1));
    }

    /** Prisma's native type name ({@code VarChar(5)}, {@code Integer}). */
    String display() {
      String base = switch (name) {
        case "TEXT" -> "Text";
        case "VARCHAR" -> "VarChar";
        case "CHAR" -> "Char";
        case "UUID" -> "Uuid";
        case "XML" -> "Xml";
        case "INET" -> "Inet";
        case "CITEXT" -> "Citext";
        case "BIT" -> "Bit";
        case "VARBIT" -> "VarBit";
        case "INTEGER" -> "Integer";
        case "SMALLINT" -> "SmallInt";
        case "BIGINT" -> "BigInt";
        case "OID" -> "Oid";
        case "DOUBLE PRECISION" -> "DoublePrecision";
        case "REAL" -> "Real";
        case "DECIMAL" -> "Decimal";
        case "MONEY" -> "Money";
        case "BOOLEAN" -> "Boolean";
        case "TIMESTAMP" -> "Timestamp";
        case "TIMESTAMPTZ" -> "Timestamptz";
        case "DATE" -> "Date";
        case "TIME" -> "Time";
        case "TIMETZ" -> "Timetz";
        case "JSON" -> "Json";
        case "JSONB" -> "JsonB";
        case "BYTEA" -> "ByteA";
        default -> name;
      };
      if (args.isEmpty()) {
        return base;
      }
      StringBuilder sb = new StringBuilder(base).append('(');
      for (int i = 0; i < args.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(args.get(i));
      }
      return sb.append(')').toString();
    }
  }

  private static Optional<TypeChange> nativeChange(Native previous, Native next) {
    if (previous.equals(next)) {
      return Optional.empty();
    }
    String p = previous.name();
    String n = next.name();
    // Precision-only changes Prisma ignores: an unspecified precision matches any.
    if (p.equals(n) && (p.equals("TIMESTAMP") || p.equals("TIMESTAMPTZ") || p.equals("TIME") || p.equals("TIMETZ"))) {
      if (next.arg().isEmpty() || previous.arg().isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(cast(previous, next));
  }

  private static TypeChange cast(Native previous, Native next) {
    String n = next.name();
    Optional<Integer> len = next.arg();
    boolean nextIsChar = next.is("CHAR");
    boolean nextIsString = next.is("VARCHAR") || nextIsChar;
    switch (previous.name()) {
      case "INET":
        return n.equals("CITEXT") || n.equals("TEXT") || n.equals("VARCHAR") ? SAFE_CAST : NOT_CASTABLE;
      case "MONEY":
        return n.equals("CITEXT") || n.equals("TEXT") || n.equals("VARCHAR") ? SAFE_CAST : RISKY_CAST;
      case "CITEXT":
        return n.equals("TEXT") || n.equals("VARCHAR") ? SAFE_CAST : RISKY_CAST;
      case "OID":
        return n.equals("TEXT") || n.equals("VARCHAR") || n.equals("BIGINT") || n.equals("INTEGER") ? SAFE_CAST : NOT_CASTABLE;
      case "SMALLINT":
        return integerCast(next, 3, 4, List.of("INTEGER", "BIGINT"), List.of());
      case "INTEGER":
        return integerCast(next, 10, 11, List.of("BIGINT"), List.of("SMALLINT"));
      case "BIGINT":
        return integerCast(next, 19, 20, List.of(), List.of("SMALLINT", "INTEGER"));
      case "DECIMAL":
        return decimalCast(previous, next);
      case "REAL":
        if (List.of("SMALLINT", "INTEGER", "BIGINT", "DECIMAL").contains(n)) {
          return RISKY_CAST;
        }
        if (n.equals("REAL") || n.equals("DOUBLE PRECISION") || n.equals("TEXT")) {
          return SAFE_CAST;
        }
        return nextIsString ? stringFits(len, 47, nextIsChar) : NOT_CASTABLE;
      case "DOUBLE PRECISION":
        if (List.of("SMALLINT", "INTEGER", "BIGINT", "DECIMAL", "REAL").contains(n)) {
          return RISKY_CAST;
        }
        if (n.equals("DOUBLE PRECISION") || n.equals("TEXT")) {
          return SAFE_CAST;
        }
        return nextIsString ? stringFits(len, 317, nextIsChar) : NOT_CASTABLE;
      case "VARCHAR":
        if (n.equals("TEXT")) {
          return SAFE_CAST;
        }
        if (nextIsString) {
          return stringToString(previous.arg(), len, nextIsChar, false);
        }
        return NOT_CASTABLE;
      case "CHAR":
        if (n.equals("TEXT")) {
          return SAFE_CAST;
        }
        if (nextIsString) {
          return stringToString(previous.arg(), len, nextIsChar, true);
        }
        return NOT_CASTABLE;
      case "TEXT":
        if (n.equals("TEXT") || n.equals("CITEXT") || (n.equals("VARCHAR") && len.isEmpty())) {
          return SAFE_CAST;
        }
        return nextIsString ? RISKY_CAST : NOT_CASTABLE;
      case "BYTEA":
        if (n.equals("TEXT") || (n.equals("VARCHAR") && len.isEmpty())) {
          return SAFE_CAST;
        }
        return nextIsString && len.isPresent() && len.get() > 2 ? RISKY_CAST : NOT_CASTABLE;
      case "TIMESTAMP":
        return temporal(next, 22, List.of("TIMESTAMP", "TIMESTAMPTZ", "DATE", "TIME", "TIMETZ"));
      case "TIMESTAMPTZ":
        return temporal(next, 27, List.of("TIMESTAMP", "TIMESTAMPTZ", "DATE", "TIME", "TIMETZ"));
      case "DATE":
        return temporal(next, 27, List.of("TIMESTAMP", "TIMESTAMPTZ"));
      case "TIME":
        return temporal(next, 13, List.of("TIMETZ"));
      case "TIMETZ":
        return temporal(next, 18, List.of("TIMETZ", "TIME"));
      case "BOOLEAN":
        if (n.equals("TEXT") || n.equals("VARCHAR")) {
          return SAFE_CAST;
        }
        if (nextIsChar && len.isPresent() && len.get() > 4) {
          return SAFE_CAST;
        }
        return nextIsChar && len.isPresent() && len.get() > 3 ? RISKY_CAST : NOT_CASTABLE;
      case "BIT":
        if (previous.arg().isEmpty()) {
          return n.equals("TEXT") || nextIsString || n.equals("VARBIT") ? SAFE_CAST : NOT_CASTABLE;
        }
        if (n.equals("TEXT") || ((n.equals("VARCHAR") || n.equals("VARBIT")) && len.isEmpty())) {
          return SAFE_CAST;
        }
        if ((n.equals("VARCHAR") || n.equals("VARBIT") || nextIsChar) && len.isPresent() && len.get() >= previous.arg().get()) {
          return SAFE_CAST;
        }
        return NOT_CASTABLE;
      case "VARBIT":
        if (previous.arg().isEmpty()) {
          if (n.equals("TEXT") || (n.equals("VARCHAR") && len.isEmpty())) {
            return SAFE_CAST;
          }
          return nextIsString || n.equals("BIT") ? RISKY_CAST : NOT_CASTABLE;
        }
        int old = previous.arg().get();
        if (n.equals("TEXT") || ((n.equals("VARCHAR") || n.equals("VARBIT")) && len.isEmpty())) {
          return SAFE_CAST;
        }
        if (n.equals("VARBIT") && len.get() > old) {
          return SAFE_CAST;
        }
        if (nextIsString && len.isPresent() && len.get() >= old) {
          return SAFE_CAST;
        }
        if (n.equals("BIT")) {
          return RISKY_CAST;
        }
        return nextIsString ? RISKY_CAST : NOT_CASTABLE;
      case "UUID":
        if (n.equals("TEXT") || (n.equals("VARCHAR") && len.isEmpty())) {
          return SAFE_CAST;
        }
        return nextIsString && len.isPresent() && len.get() > 31 ? SAFE_CAST : NOT_CASTABLE;
      case "XML":
        if (n.equals("TEXT") || (n.equals("VARCHAR") && len.isEmpty())) {
          return SAFE_CAST;
        }
        return nextIsString ? RISKY_CAST : NOT_CASTABLE;
      case "JSON":
      case "JSONB":
        if (n.equals("TEXT") || n.equals("JSON") || n.equals("JSONB") || (n.equals("VARCHAR") && len.isEmpty())) {
          return SAFE_CAST;
        }
        return nextIsString ? RISKY_CAST : NOT_CASTABLE;
      default:
        return NOT_CASTABLE;
    }
  }

  private static TypeChange integerCast(Native next, int digits, int chars, List<String> wider, List<String> narrower) {
    String n = next.name();
    if (wider.contains(n) || n.equals("REAL") || n.equals("DOUBLE PRECISION") || n.equals("TEXT")) {
      return SAFE_CAST;
    }
    if (narrower.contains(n)) {
      return RISKY_CAST;
    }
    if (n.equals("DECIMAL")) {
      if (next.arg().isPresent() && next.scale().isPresent() && next.arg().get() - next.scale().get() < digits) {
        return RISKY_CAST;
      }
      return SAFE_CAST;
    }
    if (n.equals("VARCHAR") || n.equals("CHAR")) {
      return stringFits(next.arg(), chars, n.equals("CHAR"));
    }
    return NOT_CASTABLE;
  }

  private static TypeChange stringFits(Optional<Integer> len, int needed, boolean nextIsChar) {
    if (len.isPresent()) {
      return len.get() < needed ? RISKY_CAST : SAFE_CAST;
    }
    return nextIsChar ? RISKY_CAST : SAFE_CAST;
  }

  private static TypeChange stringToString(Optional<Integer> old, Optional<Integer> len, boolean nextIsChar, boolean fromChar) {
    if (old.isEmpty()) {
      if (fromChar) {
        return SAFE_CAST;
      }
      if (len.isEmpty()) {
        return nextIsChar ? RISKY_CAST : SAFE_CAST;
      }
      return RISKY_CAST;
    }
    if (len.isEmpty()) {
      if (old.get() == 1) {
        return SAFE_CAST;
      }
      return nextIsChar ? RISKY_CAST : SAFE_CAST;
    }
    return old.get() > len.get() ? RISKY_CAST : SAFE_CAST;
  }

  private static TypeChange decimalCast(Native previous, Native next) {
    String n = next.name();
    Optional<Integer> p = previous.arg();
    Optional<Integer> s = previous.scale();
    switch (n) {
      case "SMALLINT":
      case "INTEGER":
      case "BIGINT": {
        int limit = n.equals("SMALLINT") ? 2 : n.equals("INTEGER") ? 9 : 18;
        if (p.isEmpty() || s.isEmpty()) {
          return RISKY_CAST;
        }
        if (s.get() > 0) {
          return RISKY_CAST;
        }
        return p.get() > limit ? RISKY_CAST : SAFE_CAST;
      }
      case "DECIMAL": {
        Optional<Integer> pn = next.arg();
        Optional<Integer> sn = next.scale();
        if (p.isPresent() && pn.isEmpty()) {
          return SAFE_CAST;
        }
        if (p.isEmpty() && pn.isPresent()) {
          return RISKY_CAST;
        }
        if (p.isPresent() && pn.isPresent()) {
          int so = s.orElse(0);
          int sw = sn.orElse(0);
          if (p.get() - so > pn.get() - sw || so > sw) {
            return RISKY_CAST;
          }
        }
        return SAFE_CAST;
      }
      case "REAL":
      case "DOUBLE PRECISION":
        return RISKY_CAST;
      case "TEXT":
        return SAFE_CAST;
      case "VARCHAR":
      case "CHAR": {
        Optional<Integer> len = next.arg();
        if (len.isPresent() && p.isPresent()) {
          int scale = s.orElse(0);
          if (scale == 0 && p.get() + 1 > len.get()) {
            return RISKY_CAST;
          }
          if (scale > 0 && p.get() + 2 > len.get()) {
            return RISKY_CAST;
          }
          return SAFE_CAST;
        }
        if (len.isPresent()) {
          return len.get() < 131073 ? RISKY_CAST : SAFE_CAST;
        }
        return n.equals("CHAR") ? RISKY_CAST : SAFE_CAST;
      }
      default:
        return NOT_CASTABLE;
    }
  }

  private static TypeChange temporal(Native next, int minChars, List<String> safe) {
    String n = next.name();
    if (n.equals("TEXT") || (n.equals("VARCHAR") && next.arg().isEmpty())) {
      return SAFE_CAST;
    }
    if ((n.equals("CHAR") || n.equals("VARCHAR")) && next.arg().isPresent() && next.arg().get() > minChars) {
      return SAFE_CAST;
    }
    return safe.contains(n) ? SAFE_CAST : NOT_CASTABLE;
  }
}
