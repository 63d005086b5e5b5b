package dev.strata.migrate.dev;

import dev.strata.StrataException;
import dev.strata.compare.Comparison;
import dev.strata.migrate.MigrationReplayer;
import dev.strata.postgres.inspect.InspectOptions;
import dev.strata.postgres.inspect.PgInspector;
import dev.strata.schema.DatabaseSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a down migration on a scratch database that holds the schema before the migration: runs
 * the up script, the down script and the up script again, and compares what PostgreSQL reports
 * after each step (the down must bring back the schema before, the second up the schema after).
 */
public final class DownVerifier {
  private final Connection connection;
  private final InspectOptions options;

  private DownVerifier(Connection connection, InspectOptions options) {
    this.connection = connection;
    this.options = options;
  }

  /** A verifier on {@code scratch} (a shadow database: it is changed), introspected with {@code options}. */
  public static DownVerifier on(Connection scratch, InspectOptions options) {
    return new DownVerifier(Objects.requireNonNull(scratch, "scratch"), Objects.requireNonNull(options, "options"));
  }

  /** The outcome: verified, or the reason it could not be. */
  public record Verdict(boolean verified, Optional<String> problem) {
    static Verdict ok() {
      return new Verdict(true, Optional.empty());
    }

    static Verdict failed(String problem) {
      return new Verdict(false, Optional.of(problem));
    }
  }

  /**
   * Runs up, down, up. The database is left after the last script that ran (after the migration
   * when everything succeeded).
   */
  public Verdict verify(String name, Path folder, String upSql, String downSql) {
    try {
      DatabaseSchema before = inspect();
      MigrationReplayer replayer = MigrationReplayer.on(connection);
      replayer.apply(name, folder.resolve("migration.sql"), upSql);
      DatabaseSchema after = inspect();
      replayer.apply(name + " (down)", folder.resolve("down.sql"), downSql);
      DatabaseSchema undone = inspect();
      Comparison back = Comparison.of(before, undone);
      if (!back.isEmpty()) {
        return Verdict.failed("after down.sql the schema differs from the one before the migration: "
            + oneLine(back.summary()));
      }
      replayer.apply(name, folder.resolve("migration.sql"), upSql);
      Comparison again = Comparison.of(after, inspect());
      if (!again.isEmpty()) {
        return Verdict.failed("migration.sql applied after down.sql gives another schema: " + oneLine(again.summary()));
      }
      return Verdict.ok();
    } catch (StrataException e) {
      return Verdict.failed(oneLine(e.getMessage()));
    } catch (RuntimeException e) {
      return Verdict.failed("verification failed: " + oneLine(String.valueOf(e.getMessage())));
    }
  }

  private DatabaseSchema inspect() {
    return PgInspector.inspect(connection, options);
  }

  private static String oneLine(String text) {
    String flat = text.strip().replaceAll("\\s*\\n\\s*", "; ");
    return flat.length() > 400 ? flat.substring(0, 397) + "..." : flat;
  }
}
