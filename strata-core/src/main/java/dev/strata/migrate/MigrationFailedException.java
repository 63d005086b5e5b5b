package dev.strata.migrate;

import dev.strata.ErrorCode;
import dev.strata.StrataException;

/** The {@link StrataException} thrown when a migration fails to apply, carrying the structured {@link MigrationFailure}. */
public final class MigrationFailedException extends StrataException {
  private final transient MigrationFailure failure;

  public MigrationFailedException(MigrationFailure failure, Throwable cause) {
    super(ErrorCode.DATABASE, failure.message(), failure.details(null), cause);
    this.failure = failure;
  }

  public MigrationFailure failure() {
    return failure;
  }
}
