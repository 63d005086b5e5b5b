package dev.strata;

/**
 * Operational failure codes (as opposed to diagnostics about user schemas). Each maps to one CLI
 * exit code in one place ({@code dev.strata.cli.ExitCodes}).
 */
public enum ErrorCode {
  /** A file or directory the user named does not exist or cannot be read. */
  FILE_NOT_FOUND,
  /** Input that is not what it claims to be: a binary file, a schema too large, bad encoding. */
  INVALID_INPUT,
  /** Configuration is missing or malformed: no DATABASE_URL, a bad URL, an unreadable config file. */
  CONFIG,
  /** The database could not be reached or refused the request. */
  DATABASE,
  /** A check ran and found problems (schema invalid, format would change, drift). */
  CHECK_FAILED,
  /** The user's request cannot be carried out as stated (conflicting flags and the like). */
  USAGE,
  /** An unexpected internal failure: a bug in Strata. */
  INTERNAL,
  /** The operation was stopped by its {@link Cancellation} (Ctrl-C) while it applied migrations. */
  INTERRUPTED
}
