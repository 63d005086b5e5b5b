package dev.strata.migrate.run;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.util.List;

/**
 * The error of a command stopped by its {@link dev.strata.Cancellation} while it applied
 * migrations ({@code migrate dev}, {@code migrate reset}): what it applied, and the state of the
 * migration it was in.
 */
public final class Interruption {
  private Interruption() {}

  /** {@code StrataException} ({@code INTERRUPTED}) describing the interrupted run of {@code command}. */
  public static StrataException of(String command, DeployResult result) {
    StringBuilder text = new StringBuilder("Interrupted: " + command + " was cancelled and has stopped.\n");
    List<String> applied = result.applied().stream().map(MigrationOutcome::name).toList();
    if (applied.isEmpty()) {
      text.append("No migration was applied by this run.\n");
    } else {
      text.append("Applied and recorded by this run (these stay applied): ").append(String.join(", ", applied)).append(".\n");
    }
    if (result.notApplied().isPresent()) {
      text.append("Migration `").append(result.notApplied().get().migration())
          .append("` was not applied: its running statement was cancelled and its transaction rolled back; nothing of it is recorded.\n");
    } else if (result.failure().isPresent()) {
      String migration = result.failure().get().migrationName();
      text.append("Migration `").append(migration).append("` was partly applied and is recorded as failed: resolve it with")
          .append(" strata migrate resolve --applied or --rolled-back \"").append(migration).append("\".");
      return new StrataException(ErrorCode.INTERRUPTED, text.toString());
    }
    text.append("The database is consistent with its history: run `strata migrate deploy` to apply the remaining migrations.");
    return new StrataException(ErrorCode.INTERRUPTED, text.toString());
  }
}
