package dev.strata.prisma.pull;

import dev.strata.schema.ColumnType;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Maps an IR column type back to a Prisma scalar and, when the column is not the scalar's default
 * PostgreSQL type, a native type attribute ({@code VARCHAR(255)} → {@code String @db.VarChar(255)};
 * {@code TIMESTAMP(3)} → plain {@code DateTime}).
 */
final class ScalarTypes {
  private ScalarTypes() {}

  /** A Prisma scalar with its native type (without the datasource prefix), when one is needed. */
  record Mapped(String scalar, Optional<String> nativeType) {}

  /** Types whose precision PostgreSQL defaults to 6 when none is written. */
  private static final List<String> PRECISION_SIX = List.of("TIMESTAMP", "TIMESTAMPTZ", "TIME", "TIMETZ");

  /** The scalar and native type of a builtin type; empty for anything Prisma does not know. */
  static Optional<Mapped> map(ColumnType type) {
    if (type.kind() != ColumnType.Kind.BUILTIN) {
      return Optional.empty();
    }
    List<Integer> args = type.args();
    return Optional.ofNullable(switch (type.name()) {
      case "TEXT" -> plain("String");
      case "VARCHAR" -> nat("String", "VarChar", args);
      case "CHAR" -> nat("String", "Char", args);
      case "UUID" -> nat("String", "Uuid", List.of());
      case "XML" -> nat("String", "Xml", List.of());
      case "INET" -> nat("String", "Inet", List.of());
      case "CITEXT" -> nat("String", "Citext", List.of());
      case "BIT" -> nat("String", "Bit", args);
      case "VARBIT" -> nat("String", "VarBit", args);
      case "INTEGER" -> plain("Int");
      case "SMALLINT" -> nat("Int", "SmallInt", List.of());
      case "OID" -> nat("Int", "Oid", List.of());
      case "BIGINT" -> plain("BigInt");
      case "DOUBLE PRECISION" -> plain("Float");
      case "REAL" -> nat("Float", "Real", List.of());
      case "DECIMAL" -> args.equals(List.of(65, 30)) ? plain("Decimal") : nat("Decimal", "Decimal", args);
      case "MONEY" -> nat("Decimal", "Money", List.of());
      case "BOOLEAN" -> plain("Boolean");
      case "TIMESTAMP" -> args.equals(List.of(3)) ? plain("DateTime") : nat("DateTime", "Timestamp", precision(type));
      case "TIMESTAMPTZ" -> nat("DateTime", "Timestamptz", precision(type));
      case "DATE" -> nat("DateTime", "Date", List.of());
      case "TIME" -> nat("DateTime", "Time", precision(type));
      case "TIMETZ" -> nat("DateTime", "Timetz", precision(type));
      case "JSON" -> nat("Json", "Json", List.of());
      case "JSONB" -> plain("Json");
      case "BYTEA" -> plain("Bytes");
      default -> null;
    });
  }

  /**
   * The precision of a date-time type: as written, or PostgreSQL's default 6 when none was, the
   * way Prisma reads a bare {@code timestamp} back from the database ({@code @db.Timestamp(6)}).
   */
  static List<Integer> precision(ColumnType type) {
    if (type.args().isEmpty() && PRECISION_SIX.contains(type.name())) {
      return List.of(6);
    }
    return type.args();
  }

  private static Mapped plain(String scalar) {
    return new Mapped(scalar, Optional.empty());
  }

  private static Mapped nat(String scalar, String nativeName, List<Integer> args) {
    String text = args.isEmpty()
        ? nativeName
        : nativeName + args.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    return new Mapped(scalar, Optional.of(text));
  }
}
