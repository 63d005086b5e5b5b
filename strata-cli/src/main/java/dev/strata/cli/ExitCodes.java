package dev.strata.cli;

import dev.strata.ErrorCode;

/** The CLI's stable exit codes, and the one place where failures are mapped to them. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** An operational error: a file, the database, the configuration. */
  public static final int ERROR = 1;
  /** The command line itself was wrong (unknown option, missing argument). */
  public static final int USAGE = 2;
  /** A check ran and failed: invalid schema, files not formatted, drift, failing health checks. */
  public static final int CHECK_FAILED = 3;
  /**
   * The command was interrupted (Ctrl-C, SIGTERM) and stopped cleanly: 128 + SIGINT, as shells
   * report it. On a signal the process's own status is the JVM's 128 + the signal's number.
   */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}

  public static int of(ErrorCode code) {
    return switch (code) {
      case USAGE -> USAGE;
      case CHECK_FAILED -> CHECK_FAILED;
      case FILE_NOT_FOUND, INVALID_INPUT, CONFIG, DATABASE, INTERNAL -> ERROR;
      case INTERRUPTED -> INTERRUPTED;
    };
  }
}
