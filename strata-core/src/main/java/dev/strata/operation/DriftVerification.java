package dev.strata.operation;

import dev.strata.DriftCheck;
import dev.strata.ShadowDatabases;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.compare.Comparison;
import dev.strata.config.DatabaseUrl;
import dev.strata.migrate.MigrationReplayer;
import dev.strata.migrate.MigrationsDirectory;
import dev.strata.postgres.inspect.InspectOptions;
import dev.strata.postgres.inspect.PgInspector;
import dev.strata.schema.DatabaseSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The guarded deploy's last step: replays the whole migration history into a shadow database and
 * compares the schema it gives (the default schema, as introspection reads it) with the database
 * just deployed, with the differ of {@code migrate diff}. Skipped, with the reason, when no shadow
 * database is configured or it cannot be used; a deploy never fails because of this check. The
 * deploy starts the replay at its preflight ({@link #replayInBackground}), so that it runs while the
 * migrations are applied.
 */
final class DriftVerification {
  private final StrataConfig config;
  private final Supplier<Connection> connections;

  DriftVerification(StrataConfig config, Supplier<Connection> connections) {
    this.config = config;
    this.connections = connections;
  }

  DriftCheck check(MigrationsDirectory directory) {
    return compare(history(directory, () -> false));
  }

  /**
   * Starts replaying the history into the shadow database on a second thread, while the deploy
   * applies the same migrations to the database (the deploy mostly waits on the server, and the
   * shadow's start and replay are most of this check's cost). {@link Replay#finish()} then reads
   * the database and compares; the check is the same as {@link #check}, only sooner done.
   */
  Replay replayInBackground(MigrationsDirectory directory) {
    return new Replay(directory);
  }

  /** The history's side of the check, being replayed on its own thread. */
  final class Replay {
    private final AtomicBoolean abandoned = new AtomicBoolean();
    private final CompletableFuture<History> history = new CompletableFuture<>();
    private final Thread thread;

    private Replay(MigrationsDirectory directory) {
      thread = new Thread(() -> {
        try {
          history.complete(history(directory, abandoned::get));
        } catch (Throwable e) {
          history.completeExceptionally(e);
        }
      }, "strata-drift-replay");
      thread.start();
    }

    /** Waits for the replay, then reads the database just deployed and compares. */
    DriftCheck finish() {
      return compare(join());
    }

    /** Stops the replay (the deploy failed or was stopped: there is nothing to compare) and waits until its shadow is given back. */
    void abandon() {
      abandoned.set(true);
      join();
    }

    private History join() {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return history.get();
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
              throw r;
            }
            if (cause instanceof Error err) {
              throw err;
            }
            throw new IllegalStateException(cause);
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** The schema the history gives, or why it could not be had. */
  private record History(Optional<DatabaseSchema> schema, String skipped) {}

  private History history(MigrationsDirectory directory, BooleanSupplier stop) {
    Optional<ShadowDatabases> shadows = config.shadowDatabases()
        .or(() -> config.shadowDatabaseUrl().map(ShadowDatabases::userProvided));
    if (shadows.isEmpty()) {
      return new History(Optional.empty(), "no shadow database is configured to replay the history into");
    }
    try (ShadowDatabases.Lease shadow = shadows.get().open()) {
      useSchema(shadow.connection());
      MigrationReplayer.on(shadow.connection()).stoppingWhen(stop).replay(directory.folders());
      return new History(Optional.of(PgInspector.inspect(shadow.connection(), options())), "");
    } catch (StrataException | SQLException e) {
      return new History(Optional.empty(),
          "the history could not be replayed into the shadow database: " + DatabaseUrl.mask(String.valueOf(e.getMessage())));
    }
  }

  private DriftCheck compare(History history) {
    if (history.schema().isEmpty()) {
      return DriftCheck.skipped(history.skipped());
    }
    DatabaseSchema live;
    try (Connection connection = connections.get()) {
      live = PgInspector.inspect(connection, options());
    } catch (StrataException | SQLException e) {
      return DriftCheck.skipped("the database could not be read: " + DatabaseUrl.mask(String.valueOf(e.getMessage())));
    }
    Comparison comparison = Comparison.of(history.schema().get(), live);
    return comparison.isEmpty() ? DriftCheck.matches() : DriftCheck.differs(comparison.summary(), comparison.script());
  }

  private InspectOptions options() {
    return InspectOptions.defaults().withDefaultSchema(config.defaultSchema());
  }

  /** Unqualified names of the migrations land in the database's schema; on the shadow too, so both sides compare under the same names. */
  private void useSchema(Connection shadow) throws SQLException {
    if (config.defaultSchema().equals("public")) {
      return;
    }
    try (Statement statement = shadow.createStatement()) {
      String quoted = "\"" + config.defaultSchema().replace("\"", "\"\"") + "\"";
      statement.execute("CREATE SCHEMA IF NOT EXISTS " + quoted);
      statement.execute("SET search_path TO " + quoted);
    }
  }
}
