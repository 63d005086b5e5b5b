package dev.strata.operation;

import dev.strata.ShadowDatabases;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import dev.strata.lint.ObservationSource;
import dev.strata.lint.observe.MigrationObserver;
import dev.strata.lint.observe.Observations;
import dev.strata.migrate.MigrationFailedException;
import dev.strata.migrate.MigrationFailure;
import dev.strata.migrate.MigrationFolder;
import dev.strata.migrate.MigrationReplayer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The observation behind {@code strata migrate lint}: on a shadow database (the project's {@link
 * ShadowDatabases}, else its {@code shadowDatabaseUrl}), replays the history before the linted
 * migrations, then runs each linted one under a {@link MigrationObserver}; what PostgreSQL did
 * reaches the rules as an {@link ObservationSource}. When no shadow is available, or the history
 * or a migration fails there, the rules judge statically (from that migration on) and a note says
 * why.
 */
final class LintObservation {
  /** A migration to observe: as shown in findings, its name, its file and its script. */
  record Target(String shown, String name, Path file, String script, boolean linted) {}

  /** What came of it: the source (NONE when nothing was observed) and whether every linted migration was observed. */
  record Outcome(ObservationSource source, boolean observedAll, boolean observedAny) {}

  private LintObservation() {}

  static Outcome observe(StrataConfig config, List<MigrationFolder> history, List<Target> targets, List<String> notes) {
    Optional<ShadowDatabases> shadows = config.shadowDatabases()
        .or(() -> config.shadowDatabaseUrl().map(ShadowDatabases::userProvided));
    String fallback = ": lock and rewrite findings are the static rules' judgement (static rule, not observed)";
    if (shadows.isEmpty()) {
      notes.add("no shadow database to observe the migrations in" + fallback);
      return new Outcome(ObservationSource.NONE, false, false);
    }
    Observations observations = new Observations(config.defaultSchema());
    long linted = targets.stream().filter(Target::linted).count();
    long observed = 0;
    ShadowDatabases.Lease lease;
    try {
      lease = shadows.get().open();
    } catch (StrataException e) {
      notes.add("the shadow database could not be opened (" + firstLine(e.getMessage()) + ")" + fallback);
      return new Outcome(ObservationSource.NONE, false, false);
    }
    try (lease) {
      Connection shadow = lease.connection();
      try {
        useSchema(shadow, config.defaultSchema());
        MigrationReplayer.on(shadow).replay(history);
      } catch (StrataException | SQLException e) {
        notes.add("the history could not be replayed into " + lease.description() + " (" + reason(e) + ")" + fallback);
        return new Outcome(ObservationSource.NONE, false, false);
      }
      try (MigrationObserver observer = MigrationObserver.withoutObjects(shadow)) {
        for (Target target : targets) {
          try {
            var migration = observer.observe(target.name(), target.file(), target.script());
            if (target.linted()) {
              observations.add(target.shown(), migration);
              observed++;
            }
          } catch (StrataException e) {
            notes.add("migration " + target.name() + " failed on " + lease.description() + " (" + reason(e)
                + "): it and the migrations after it are judged by the static rules (static rule, not observed)");
            break;
          }
        }
      }
    } catch (StrataException e) {
      notes.add("the observation on the shadow database failed (" + firstLine(e.getMessage()) + ")" + fallback);
    }
    if (observed > 0) {
      notes.add("lock and rewrite findings are observed: " + observed + " of " + linted + " migration" + (linted == 1 ? "" : "s")
          + " ran on the shadow database (" + (history.isEmpty() ? "from an empty database" : "after replaying " + history.size()
          + " earlier migration" + (history.size() == 1 ? "" : "s")) + ")");
    }
    return new Outcome(observed > 0 ? observations : ObservationSource.NONE, observed == linted, observed > 0);
  }

  /** Why a migration failed: the statement's line and the database's message. */
  private static String reason(Exception e) {
    if (e instanceof MigrationFailedException failed) {
      MigrationFailure f = failed.failure();
      return f.migrationName() + ", line " + f.line() + ": " + firstLine(f.databaseMessage());
    }
    return firstLine(e.getMessage());
  }

  private static String firstLine(String message) {
    String m = DatabaseUrl.mask(String.valueOf(message)).strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** Unqualified names of the migrations land in the project's schema, as on the target. */
  private static void useSchema(Connection shadow, String schema) throws SQLException {
    if (schema.equals("public")) {
      return;
    }
    try (Statement statement = shadow.createStatement()) {
      String quoted = "\"" + schema.replace("\"", "\"\"") + "\"";
      statement.execute("CREATE SCHEMA IF NOT EXISTS " + quoted);
      statement.execute("SET search_path TO " + quoted);
    }
  }
}
