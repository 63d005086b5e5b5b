package dev.strata.embedded;

/**
 * The unchecked exception the embedded module throws for operational failures (server start, SQL
 * errors in administrative statements); the message is written for the user.
 */
public final class EmbeddedPostgresException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EmbeddedPostgresException(String message) {
    super(message);
  }

  public EmbeddedPostgresException(String message, Throwable cause) {
    super(message, cause);
  }
}
