package dev.strata;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one exception Strata throws for operational failures; the message is meant for the user.
 *
 * <p>Besides its coarse {@link ErrorCode} it may carry what a program reading the failure wants
 * without parsing the message: Prisma's error code ({@code P3018}), PostgreSQL's SQLSTATE and
 * the migration concerned ({@link Details}). A message that starts with a Prisma code ({@code
 * "P3009: …"}) gives that code even when the thrower did not set it.
 */
public class StrataException extends RuntimeException {
  private static final Pattern PRISMA_CODE = Pattern.compile("^(P\\d{4}):");

  private final ErrorCode code;
  private final transient Details details;

  /** Machine-readable facts about a failure, each optional. */
  public record Details(Optional<String> prismaCode, Optional<String> sqlState, Optional<String> migration) {
    public Details {
      Objects.requireNonNull(prismaCode, "prismaCode");
      Objects.requireNonNull(sqlState, "sqlState");
      Objects.requireNonNull(migration, "migration");
      prismaCode = prismaCode.filter(s -> !s.isBlank());
      sqlState = sqlState.filter(s -> !s.isBlank());
      migration = migration.filter(s -> !s.isBlank());
    }

    /** Nothing known. */
    public static Details none() {
      return new Details(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Prisma's error code, such as {@code P3018}. */
    public static Details prisma(String prismaCode) {
      return none().withPrismaCode(prismaCode);
    }

    public Details withPrismaCode(String value) {
      return new Details(Optional.ofNullable(value), sqlState, migration);
    }

    /** The SQLSTATE PostgreSQL (or the driver) reported; blank means unknown. */
    public Details withSqlState(String value) {
      return new Details(prismaCode, Optional.ofNullable(value), migration);
    }

    public Details withMigration(String value) {
      return new Details(prismaCode, sqlState, Optional.ofNullable(value));
    }
  }

  public StrataException(ErrorCode code, String message) {
    this(code, message, Details.none(), null);
  }

  public StrataException(ErrorCode code, String message, Throwable cause) {
    this(code, message, Details.none(), cause);
  }

  public StrataException(ErrorCode code, String message, Details details) {
    this(code, message, details, null);
  }

  public StrataException(ErrorCode code, String message, Details details, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    Details given = Objects.requireNonNull(details, "details");
    this.details = given.prismaCode().isPresent() ? given : given.withPrismaCode(prismaCodeOf(message).orElse(null));
  }

  public ErrorCode code() {
    return code;
  }

  /** Everything machine-readable known about the failure. */
  public Details details() {
    return details;
  }

  /** Prisma's error code ({@code P1002}, {@code P3018}…), when the failure is one of Prisma's. */
  public Optional<String> prismaCode() {
    return details.prismaCode();
  }

  /** PostgreSQL's SQLSTATE ({@code 42P01}…), when the database reported the failure. */
  public Optional<String> sqlState() {
    return details.sqlState();
  }

  /** The name of the migration the failure concerns. */
  public Optional<String> migration() {
    return details.migration();
  }

  private static Optional<String> prismaCodeOf(String message) {
    if (message == null) {
      return Optional.empty();
    }
    Matcher m = PRISMA_CODE.matcher(message);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
