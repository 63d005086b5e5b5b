package dev.strata.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import dev.strata.plan.Plan;
import dev.strata.postgres.inspect.InspectOptions;
import dev.strata.postgres.inspect.PgInspector;
import dev.strata.postgres.render.PgMigrationRenderer;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.change.Change;
import dev.strata.testkit.SchemaDumps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The differ's property on a real database, over every diff case (multiSchema ones included): a database at A (built by
 * applying diff(empty → A)) migrated with diff(A → B) introspects as B (re-diffing shows nothing),
 * and the down script brings it back to A. Cases listed in {@code round-trip-known-failures.txt}
 * may fail; any other failure fails the test.
 *
 * <p>Our inspector and differ are the judges above, so a property both ignore could never fail. When
 * the machine has a PostgreSQL server and a pg_dump of its version ({@link SchemaDumps}), each case
 * is replayed there too and judged by pg_dump alone: the database migrated A → B must dump as one
 * created directly at B, and after the down script as it dumped at A. Cases listed in {@code
 * round-trip-dump-known-differences.txt} may differ there (each is Prisma's behaviour, with the reason).
 */
@StrataDatabase
class DiffRoundTripIT {
  private static final Path CASES = Path.of("src", "test", "resources", "diff-cases");
  private static final Path KNOWN = Path.of("src", "test", "resources", "diff-cases-known", "round-trip-known-failures.txt");
  private static final Path DUMP_KNOWN = Path.of("src", "test", "resources", "diff-cases-known", "round-trip-dump-known-differences.txt");
  /**
   * Before each case: every schema of the previous one dropped (multiSchema cases create their own,
   * e.g. "auth"), an empty public, and the extensions the cases' native types and operator classes
   * need (citext, pg_trgm: both ship with the embedded PostgreSQL), as a Prisma user would install them.
   */
  private static final String RESET = """
      DO $$
      DECLARE s text;
      BEGIN
        FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
          EXECUTE format('DROP SCHEMA %I CASCADE', s);
        END LOOP;
      END $$;
      CREATE SCHEMA public;
      CREATE EXTENSION citext;
      CREATE EXTENSION pg_trgm;
      """;

  @Test
  void migrating_a_database_from_a_to_b_yields_b_and_the_down_script_yields_a(TestDatabase db) throws IOException {
    Map<String, String> known = MigrationGolden.knownFailures(KNOWN);
    Map<String, String> dumpKnown = MigrationGolden.knownFailures(DUMP_KNOWN);
    List<Path> dirs;
    try (Stream<Path> s = Files.list(CASES)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    Optional<SchemaDumps> dumps = SchemaDumps.onLocalServer();
    int witnessed = 0;
    List<String> unexpected = new ArrayList<>();
    List<String> fixedButListed = new ArrayList<>();
    int passed = 0;
    int total = 0;
    // Two scratch databases for the whole run: RESET empties them before each case.
    try (SchemaDumps.Scratch migrated = dumps.map(SchemaDumps::create).orElse(null);
        SchemaDumps.Scratch direct = dumps.map(SchemaDumps::create).orElse(null)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        // A --from-empty case (no from.prisma) starts from an empty database.
        String fromText = Files.exists(dir.resolve("from.prisma"))
            ? MigrationGolden.read(dir.resolve("from.prisma"))
            : "datasource db {\n  provider = \"postgresql\"\n}\n";
        String toText = MigrationGolden.read(dir.resolve("to.prisma"));
        total++;
        String failure = roundTrip(db, fromText, toText);
        if (failure == null && dumps.isPresent()) {
          witnessed++;
          String dumpFailure = dumpRoundTrip(migrated, direct, fromText, toText);
          if (dumpFailure == null && dumpKnown.containsKey(name)) {
            fixedButListed.add(name + " (pg_dump)");
          } else if (dumpFailure != null && !dumpKnown.containsKey(name)) {
            failure = dumpFailure;
          }
        }
        if (failure == null) {
          passed++;
          if (known.containsKey(name)) {
            fixedButListed.add(name);
          }
        } else if (!known.containsKey(name)) {
          unexpected.add(name + ": " + failure);
        }
      }
    }
    System.out.printf("[strata] diff round trip on PostgreSQL: %d/%d cases (%d known failures), %s%n", passed, total, known.size(),
        dumps.isPresent() ? witnessed + " also judged by pg_dump (" + dumpKnown.size() + " known differences)" : "pg_dump witness not available");
    assertThat(total).isEqualTo(dirs.size()).isGreaterThan(20);
    assertThat(unexpected).as("unexpected round-trip failures").isEmpty();
    assertThat(fixedButListed).as("cases that pass but are listed as known failures").isEmpty();
  }

  /** Null when the round trip holds, else what went wrong. */
  private static String roundTrip(TestDatabase db, String fromText, String toText) {
    PgMigrationRenderer renderer = new PgMigrationRenderer();
    try {
      try {
        db.execute("ROLLBACK"); // a failed BEGIN…COMMIT script of the previous case leaves a transaction open
      } catch (RuntimeException ignored) {
        // nothing was open
      }
      db.execute(RESET);
      DatabaseSchema a = MigrationGolden.lower("from.prisma", fromText);
      DatabaseSchema b = MigrationGolden.lower("to.prisma", toText);
      // A database at A has A's namespaces: diff(A → B) creates only the ones B adds (a from.prisma
      // of a datasource alone, listing schemas, stands for an empty database that has them).
      for (String schema : new TreeSet<>(a.explicitSchemas())) {
        db.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema.replace("\"", "\"\"") + "\"");
      }
      apply(db, renderer.renderScript(MigrationGolden.plan(DatabaseSchema.empty(a.defaultSchema()), a)));
      List<Change> drift = new SchemaDiffer(MigrationGolden.DIALECT).diff(inspect(db, a), a);
      if (!drift.isEmpty()) {
        return "database built for A differs from A: " + drift;
      }
      Plan up = MigrationGolden.plan(a, b);
      apply(db, renderer.renderScript(up));
      drift = new SchemaDiffer(MigrationGolden.DIALECT).diff(inspect(db, b), b);
      if (!drift.isEmpty()) {
        return "after A→B the database differs from B: " + drift;
      }
      apply(db, renderer.renderDown(up));
      drift = new SchemaDiffer(MigrationGolden.DIALECT).diff(inspect(db, a), a);
      if (!drift.isEmpty()) {
        return "after down the database differs from A: " + drift;
      }
      return null;
    } catch (RuntimeException | AssertionError | SQLException e) {
      return e.toString();
    }
  }

  /**
   * Null when pg_dump sees the round trip hold on the witness's server, else what differs: A → B
   * against B built directly, and the down script against A.
   */
  private static String dumpRoundTrip(SchemaDumps.Scratch migrated, SchemaDumps.Scratch direct, String fromText, String toText) {
    DatabaseSchema a = MigrationGolden.lower("from.prisma", fromText);
    DatabaseSchema b = MigrationGolden.lower("to.prisma", toText);
    PgMigrationRenderer renderer = new PgMigrationRenderer();
    Plan up = MigrationGolden.plan(a, b);
    String step = "building A";
    try {
      String setup = RESET + schemas(a);
      migrated.execute(setup);
      migrated.execute(script(renderer.renderScript(MigrationGolden.plan(DatabaseSchema.empty(a.defaultSchema()), a))));
      List<String> atA = migrated.dump();
      step = "migrating A → B";
      migrated.execute(script(renderer.renderScript(up)));
      step = "building B directly";
      direct.execute(setup);
      direct.execute(script(renderer.renderScript(MigrationGolden.plan(DatabaseSchema.empty(b.defaultSchema()), b))));
      String difference = SchemaDumps.difference("B built directly", direct.dump(), "A migrated to B", migrated.dump());
      if (difference != null) {
        return "after A→B " + difference;
      }
      step = "running the down script";
      migrated.execute(script(renderer.renderDown(up)));
      difference = SchemaDumps.difference("A", atA, "A→B→down", migrated.dump());
      return difference == null ? null : "after down " + difference;
    } catch (IOException | SQLException | RuntimeException e) {
      return "pg_dump witness, " + step + ": " + e;
    }
  }

  private static String schemas(DatabaseSchema a) {
    StringBuilder sql = new StringBuilder();
    for (String schema : new TreeSet<>(a.explicitSchemas())) {
      sql.append("CREATE SCHEMA IF NOT EXISTS \"").append(schema.replace("\"", "\"\"")).append("\";\n");
    }
    return sql.toString();
  }

  private static String script(String script) {
    return script.equals(PgMigrationRenderer.EMPTY_MIGRATION) ? "" : script;
  }

  private static void apply(TestDatabase db, String script) {
    if (!script.equals(PgMigrationRenderer.EMPTY_MIGRATION)) {
      db.execute(script);
    }
  }

  /** The database as the differ sees it for {@code target}: its multiSchema namespaces too. */
  private static DatabaseSchema inspect(TestDatabase db, DatabaseSchema target) throws SQLException {
    return PgInspector.inspect(db.connection(), InspectOptions.multiSchema(List.copyOf(target.explicitSchemas())));
  }
}
