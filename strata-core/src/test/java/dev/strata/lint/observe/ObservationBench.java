package dev.strata.lint.observe;

import dev.strata.embedded.ShadowDatabase;
import dev.strata.embedded.TestServers;
import dev.strata.migrate.MigrationFolder;
import dev.strata.migrate.MigrationReplayer;
import dev.strata.migrate.MigrationsDirectory;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures a history replayed plainly ({@link MigrationReplayer}) against the same history run
 * under observation ({@link MigrationObserver}), each into a fresh database of the embedded
 * PostgreSQL, alternating. Run by {@code bench/lint-observe.sh}:
 * {@code java -cp … dev.strata.lint.observe.ObservationBench <migrations-dir> [runs]}.
 */
public final class ObservationBench {
  private ObservationBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<MigrationFolder> folders = MigrationsDirectory.read(dir).folders();
    var server = TestServers.embedded();
    System.out.printf("# %d migrations from %s, embedded PostgreSQL %s, %d runs each%n", folders.size(), dir, server.version(), runs);
    // One warm-up of each, not counted (JIT, the server's caches).
    plain(server, folders);
    observed(server, folders, false, true);
    observed(server, folders, false, false);
    System.out.printf("same relations and columns after both: %s%n", fingerprint(server, folders, false).equals(fingerprint(server, folders, true)));
    List<Long> plain = new ArrayList<>();
    List<Long> observed = new ArrayList<>();
    List<Long> lint = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      plain.add(plain(server, folders));
      observed.add(observed(server, folders, i == runs - 1, true));
      lint.add(observed(server, folders, false, false));
    }
    long p = median(plain);
    long o = median(observed);
    long l = median(lint);
    System.out.printf("plain replay    : median %d ms  %s%n", p, plain);
    System.out.printf("observed replay : median %d ms  %s%n", o, observed);
    System.out.printf("observed, no objects, no sampling (as migrate lint observes): median %d ms  %s%n", l, lint);
    System.out.printf("ratio observed/plain: %.2f, as migrate lint observes: %.2f (goal <= 1.5)%n", (double) o / p, (double) l / p);
  }

  private static long plain(dev.strata.embedded.PostgresServer server, List<MigrationFolder> folders) {
    try (ShadowDatabase db = ShadowDatabase.create(server); Connection c = db.connect()) {
      long start = System.nanoTime();
      MigrationReplayer.on(c).replay(folders);
      return (System.nanoTime() - start) / 1_000_000;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long observed(dev.strata.embedded.PostgresServer server, List<MigrationFolder> folders, boolean summary, boolean objects) {
    try (ShadowDatabase db = ShadowDatabase.create(server); Connection c = db.connect()) {
      long start = System.nanoTime();
      List<ObservedMigration> migrations = new ArrayList<>(folders.size());
      try (MigrationObserver observer = objects ? MigrationObserver.on(c, db::connect) : MigrationObserver.withoutObjects(c)) {
        for (MigrationFolder folder : folders) {
          migrations.add(observer.observe(folder.name(), folder.migrationFile(), folder.sql().orElseThrow()));
        }
      }
      long took = (System.nanoTime() - start) / 1_000_000;
      if (summary) {
        summarize(migrations);
      }
      return took;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void summarize(List<ObservedMigration> migrations) {
    int statements = 0;
    int rewriting = 0;
    int scanning = 0;
    int accessExclusive = 0;
    int sampled = 0;
    for (ObservedMigration migration : migrations) {
      for (ObservedStatement s : migration.statements()) {
        statements++;
        rewriting += s.rewritten().isEmpty() ? 0 : 1;
        scanning += s.scanned().isEmpty() ? 0 : 1;
        accessExclusive += s.locks().stream().anyMatch(l -> l.mode() == dev.strata.dialect.LockLevel.ACCESS_EXCLUSIVE) ? 1 : 0;
        sampled += s.lockSource() == LockSource.SAMPLED ? 1 : 0;
      }
    }
    System.out.printf("observed %d statements: %d rewrote a relation, %d scanned one, %d took ACCESS EXCLUSIVE, %d sampled outside a transaction%n",
        statements, rewriting, scanning, accessExclusive, sampled);
  }

  /** Every relation and column of the replayed database, as text, after a plain or an observed replay. */
  private static String fingerprint(dev.strata.embedded.PostgresServer server, List<MigrationFolder> folders, boolean observed)
      throws java.sql.SQLException {
    try (ShadowDatabase db = ShadowDatabase.create(server); Connection c = db.connect()) {
      if (observed) {
        try (MigrationObserver observer = MigrationObserver.on(c, db::connect)) {
          for (MigrationFolder folder : folders) {
            observer.observe(folder.name(), folder.migrationFile(), folder.sql().orElseThrow());
          }
        }
      } else {
        MigrationReplayer.on(c).replay(folders);
      }
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT string_agg(n.nspname || '.' || c.relname || ':' || c.relkind::text"
          + " || coalesce('(' || (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ',' ORDER BY a.attnum)"
          + " FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) || ')', ''), E'\\n' ORDER BY n.nspname, c.relname)"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'")) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
