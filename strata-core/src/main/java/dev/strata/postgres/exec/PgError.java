package dev.strata.postgres.exec;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * An error reported by PostgreSQL (or by the driver on its behalf): the SQLSTATE, the primary
 * message, and the optional detail, hint, context and 1-based character position in the statement.
 */
public record PgError(
    String sqlState, String message, Optional<String> detail, Optional<String> hint,
    Optional<String> where, OptionalInt position) {

  public PgError {
    Objects.requireNonNull(sqlState, "sqlState");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(hint, "hint");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(position, "position");
  }

  /** The server's fields when the driver received an error response; the exception's text otherwise. */
  public static PgError of(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
      ServerErrorMessage m = p.getServerErrorMessage();
      String message = m.getMessage() == null ? String.valueOf(e.getMessage()) : m.getMessage();
      return new PgError(m.getSQLState() == null ? state : m.getSQLState(), message,
          nonBlank(m.getDetail()), nonBlank(m.getHint()), nonBlank(m.getWhere()),
          m.getPosition() > 0 ? OptionalInt.of(m.getPosition()) : OptionalInt.empty());
    }
    return new PgError(state, String.valueOf(e.getMessage()), Optional.empty(), Optional.empty(), Optional.empty(),
        OptionalInt.empty());
  }

  /** {@code ERROR [SQLSTATE]: message}, then detail and hint lines when present. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append(sqlState.isEmpty() ? "" : "[" + sqlState + "] ").append(message);
    detail.ifPresent(d -> out.append("\nDETAIL: ").append(d));
    hint.ifPresent(h -> out.append("\nHINT: ").append(h));
    where.ifPresent(w -> out.append("\nCONTEXT: ").append(w));
    return out.toString();
  }

  private static Optional<String> nonBlank(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
  }
}
