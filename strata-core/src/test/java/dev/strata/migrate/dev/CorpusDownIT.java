package dev.strata.migrate.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.compare.Comparison;
import dev.strata.embedded.LocalPostgres;
import dev.strata.embedded.TestServers;
import dev.strata.migrate.MigrationFolder;
import dev.strata.migrate.MigrationLock;
import dev.strata.migrate.MigrationReplayer;
import dev.strata.migrate.MigrationsDirectory;
import dev.strata.postgres.inspect.InspectOptions;
import dev.strata.postgres.inspect.PgInspector;
import dev.strata.schema.DatabaseSchema;
import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Down migrations on real histories: for each corpus project, the last 20 migrations are applied
 * one by one to a database holding the first N-20 (one replay per project), the schema is read
 * after each (all of them when there are fewer than 20), and the down of each migration is generated as {@code migrate dev} generates it
 * ({@code down.sql} of the diff from the schema before to the schema after). Running the downs
 * newest first must bring back, after each one, exactly the schema before that migration, and in
 * the end the schema of the first N-20.
 */
class CorpusDownIT {
  private static final int LAST = 20;
  private static final Map<String, String> REPORT = new ConcurrentHashMap<>();

  static Stream<?> histories() {
    return SharedData.casesOrSkip("corpus", corpus -> {
      try (Stream<Path> files = Files.walk(corpus)) {
        return files.filter(p -> p.getFileName().toString().equals(MigrationLock.FILE_NAME)).map(Path::getParent).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("histories")
  void the_downs_of_the_last_20_migrations_bring_back_each_earlier_schema(Path migrations) throws SQLException {
    String project = SharedData.corpus().relativize(migrations).getName(0).toString();
    MigrationsDirectory directory = MigrationsDirectory.read(migrations);
    List<MigrationFolder> folders = directory.folders();
    assertThat(folders).isNotEmpty();
    // umami has 19 migrations: all of them, down to the empty database
    int last = Math.min(LAST, folders.size());
    int base = folders.size() - last;
    LocalPostgres server = TestServers.embedded();
    String db = ("down_" + project.replaceAll("[^a-z0-9]", "_") + "_" + System.nanoTime()).toLowerCase();
    server.createDatabase(db);
    long started = System.nanoTime();
    try (Connection c = server.connect(db)) {
      MigrationReplayer replayer = MigrationReplayer.on(c);
      replayer.replay(folders.subList(0, base));
      List<DatabaseSchema> schemas = new ArrayList<>();
      schemas.add(inspect(c));
      for (int k = base; k < folders.size(); k++) {
        replayer.apply(folders.get(k));
        schemas.add(inspect(c));
      }
      List<String> failures = new ArrayList<>();
      int nonEmpty = 0;
      for (int i = last - 1; i >= 0; i--) {
        MigrationFolder migration = folders.get(base + i);
        GeneratedMigration generated = GeneratedMigration.of(schemas.get(i), schemas.get(i + 1), List.of());
        if (!generated.isEmpty()) {
          nonEmpty++;
        }
        assertThat(generated.irreversible()).as("%s: irreversible steps", migration.name()).isEmpty();
        replayer.apply(migration.name() + " (down)", migration.path().resolve("down.sql"), generated.downSql());
        Comparison back = Comparison.of(schemas.get(i), inspect(c));
        if (!back.isEmpty()) {
          failures.add(migration.name() + ":\n" + back.summary());
        }
      }
      assertThat(failures).as("%s: downs that did not bring back the schema before their migration", project).isEmpty();
      assertThat(Comparison.of(schemas.get(0), inspect(c)).isEmpty()).as("%s: back at migration %d", project, base).isTrue();
      REPORT.put(project, String.format("%d migrations, downs of the last %d (%d with schema changes) verified in %d ms",
          folders.size(), last, nonEmpty, (System.nanoTime() - started) / 1_000_000));
    } finally {
      server.dropDatabase(db);
    }
  }

  @AfterAll
  static void report() {
    REPORT.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> System.out.println("[down] " + e.getKey() + ": " + e.getValue()));
  }

  private static DatabaseSchema inspect(Connection c) {
    return PgInspector.inspect(c, InspectOptions.defaults());
  }
}
