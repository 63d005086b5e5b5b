package dev.strata;

import java.util.Objects;

/** The one exception Strata throws for operational failures; the message is meant for the user. */
public class StrataException extends RuntimeException {
  private final ErrorCode code;

  public StrataException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public StrataException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ErrorCode code() {
    return code;
  }
}
