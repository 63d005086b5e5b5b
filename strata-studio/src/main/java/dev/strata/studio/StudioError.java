package dev.strata.studio;

/** A request the studio refuses or cannot serve: an HTTP status and a plain message for the page. */
final class StudioError extends RuntimeException {
  final int status;

  StudioError(int status, String message) {
    super(message);
    this.status = status;
  }
}
