package dev.strata.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.SchemaSource;
import dev.strata.config.DatabaseUrl;
import dev.strata.diag.SourceFile;
import dev.strata.embedded.ShadowDatabase;
import dev.strata.postgres.render.PgMigrationRenderer;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.testkit.SchemaDumps;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The differ's property on random schema pairs made from the corpus: for valid schemas A and B
 * (random model subsets of one project's schema, with optional fields, {@code @unique}, {@code
 * @@index} and enum values toggled; see {@link SchemaVariants}), a database built at A and migrated
 * with diff(A → B) diffs empty against B, and the reverse statements bring it back to A.
 *
 * <p>Our own inspector and differ judge that, so a property both ignore could never fail: when the
 * machine has a PostgreSQL server and a pg_dump of its version ({@link SchemaDumps}), every pair that
 * holds is replayed there and judged by pg_dump too (migrated A → B dumps as B created directly, and
 * after the reverse statements as it dumped at A).
 *
 * <p>Seeded: {@code -Dstrata.evolution.seed=N} replays a run, {@code -Dstrata.evolution.pairs=N}
 * sets its size. A failure prints the pair's seed and both schemas.
 */
class SchemaEvolutionPropertyIT {
  private static final long SEED = Long.getLong("strata.evolution.seed", 20260422L);
  private static final int PAIRS = Integer.getInteger("strata.evolution.pairs", 32);
  private static final int MAX_PRINTED_FAILURES = 3;

  /** Change kinds seen over the run (to show what the pairs exercised). */
  private static final java.util.Map<String, Integer> KINDS = new java.util.TreeMap<>();

  /** One generated pair. */
  private record Pair(long seed, String project, String a, String b) {}

  @Test
  void migrating_between_random_corpus_variants_reaches_the_target_and_reverses_to_the_source() throws Exception {
    List<CorpusProjects.Project> projects = CorpusProjects.all();
    List<String> failures = new ArrayList<>();
    int tried = 0;
    int invalid = 0;
    long started = System.nanoTime();
    Random master = new Random(SEED);
    Optional<SchemaDumps> dumps = SchemaDumps.onLocalServer();
    int witnessed = 0;
    // Two scratch databases for the whole run, emptied before each pair.
    try (SchemaDumps.Scratch migrated = dumps.map(SchemaDumps::create).orElse(null);
        SchemaDumps.Scratch direct = dumps.map(SchemaDumps::create).orElse(null)) {
      while (tried < PAIRS) {
        long seed = master.nextLong();
        CorpusProjects.Project project = projects.get(Math.floorMod(seed, projects.size()));
        Pair pair = generate(seed, project);
        if (!valid(pair.a()) || !valid(pair.b())) {
          invalid++;
          if (invalid > PAIRS * 10) {
            break;
          }
          continue;
        }
        tried++;
        String failure = check(pair);
        if (failure == null && dumps.isPresent()) {
          witnessed++;
          failure = dumpCheck(migrated, direct, pair);
        }
        if (failure != null) {
          failures.add("seed " + pair.seed() + " (" + pair.project() + "): " + failure);
          if (failures.size() <= MAX_PRINTED_FAILURES) {
            System.out.println("[strata] schema evolution FAILED, seed " + pair.seed() + " (" + pair.project() + "): " + failure
                + "\n----- schema A -----\n" + pair.a() + "\n----- schema B -----\n" + pair.b() + "\n-----");
          }
        }
      }
    }
    System.out.printf("[strata] schema evolution: %d/%d pairs hold (run seed %d, %d invalid variants skipped, %d ms)%n",
        tried - failures.size(), tried, SEED, invalid, (System.nanoTime() - started) / 1_000_000);
    System.out.println("[strata] schema evolution: changes exercised " + KINDS);
    System.out.println("[strata] schema evolution: " + (dumps.isPresent() ? witnessed + " pairs also judged by pg_dump" : "pg_dump witness not available"));
    assertThat(tried).as("valid pairs generated").isEqualTo(PAIRS);
    assertThat(KINDS.keySet()).as("the pairs exercise tables, columns, indexes and enums")
        .contains("CreateTable", "DropTable", "AddColumn", "DropColumn", "AddIndex", "DropIndex", "AlterEnum");
    assertThat(failures).as("pairs where diff(A→B) or its reverse is wrong (schemas printed above)").isEmpty();
  }

  /** A pair from one seed: two overlapping model subsets, shared edits plus a few of each side's own. */
  private static Pair generate(long seed, CorpusProjects.Project project) {
    Random random = new Random(seed);
    StringBuilder base = new StringBuilder();
    for (SourceFile file : project.schemaSource().files()) {
      base.append(file.text()).append('\n');
    }
    SchemaVariants variants = new SchemaVariants(base.toString());
    double keepRate = 0.3 + random.nextDouble() * 0.6;
    Set<String> keepA = new HashSet<>();
    for (String model : variants.models()) {
      if (random.nextDouble() < keepRate) {
        keepA.add(model);
      }
    }
    Set<String> keepB = new HashSet<>(keepA);
    int flips = random.nextInt(4);
    List<String> models = variants.models();
    for (int i = 0; i < flips && !models.isEmpty(); i++) {
      String model = models.get(random.nextInt(models.size()));
      if (!keepB.remove(model)) {
        keepB.add(model);
      }
    }
    List<SchemaVariants.Edit> shared = variants.randomEdits(random, random.nextInt(4));
    List<SchemaVariants.Edit> editsA = new ArrayList<>(shared);
    editsA.addAll(variants.randomEdits(random, random.nextInt(3)));
    List<SchemaVariants.Edit> editsB = new ArrayList<>(shared);
    editsB.addAll(variants.randomEdits(random, 1 + random.nextInt(4)));
    return new Pair(seed, project.name(), variants.render(keepA, editsA), variants.render(keepB, editsB));
  }

  private static boolean valid(String text) {
    return !PrismaFrontEnd.check(List.of(new SourceFile("schema.prisma", text))).hasErrors();
  }

  /** Null when the property holds for the pair, else what went wrong. */
  private static String check(Pair pair) {
    SchemaSource.PrismaSchemaFiles a = source(pair.a(), "A");
    SchemaSource.PrismaSchemaFiles b = source(pair.b(), "B");
    SchemaResolver resolver = new SchemaResolver(new EmbeddedShadows());
    String step = "building A";
    try (ShadowDatabase db = ShadowDatabase.create(); Connection c = db.connect()) {
      SchemaSource.Database database = new SchemaSource.Database(DatabaseUrl.parse(db.url()), "test");
      execute(c, extensions(pair.a() + pair.b()));
      SchemaResolver.Resolved empty = resolver.resolve(new SchemaSource.Empty(), a);
      execute(c, Comparison.of(empty.from(), empty.to()).script());
      String drift = drift(resolver, database, a);
      if (drift != null) {
        return "the database built for A differs from A:\n" + drift;
      }
      step = "migrating A → B";
      SchemaResolver.Resolved ab = resolver.resolve(a, b);
      Comparison up = Comparison.of(ab.from(), ab.to());
      up.changes().forEach(change -> count(change));
      execute(c, up.script());
      drift = drift(resolver, database, b);
      if (drift != null) {
        return "after A → B the database differs from B:\n" + drift + "\nA → B was:\n" + up.script();
      }
      step = "reversing B → A";
      execute(c, up.downFile());
      drift = drift(resolver, database, a);
      if (drift != null) {
        return "after the reverse statements the database differs from A:\n" + drift + "\nreverse was:\n" + up.downFile();
      }
      return null;
    } catch (SQLException | RuntimeException e) {
      return step + " failed: " + e;
    }
  }

  /** Null when pg_dump sees the pair's round trip hold on the witness's server, else what differs. */
  private static String dumpCheck(SchemaDumps.Scratch migrated, SchemaDumps.Scratch direct, Pair pair) {
    SchemaSource.PrismaSchemaFiles a = source(pair.a(), "A");
    SchemaSource.PrismaSchemaFiles b = source(pair.b(), "B");
    SchemaResolver resolver = new SchemaResolver(new EmbeddedShadows());
    String step = "building A";
    try {
      migrated.reset();
      direct.reset();
      String setup = extensions(pair.a() + pair.b());
      SchemaResolver.Resolved toA = resolver.resolve(new SchemaSource.Empty(), a);
      SchemaResolver.Resolved toB = resolver.resolve(new SchemaSource.Empty(), b);
      SchemaResolver.Resolved ab = resolver.resolve(a, b);
      Comparison up = Comparison.of(ab.from(), ab.to());
      migrated.execute(setup);
      migrated.execute(script(Comparison.of(toA.from(), toA.to()).script()));
      List<String> atA = migrated.dump();
      step = "migrating A → B";
      migrated.execute(script(up.script()));
      step = "building B directly";
      direct.execute(setup);
      direct.execute(script(Comparison.of(toB.from(), toB.to()).script()));
      String difference = SchemaDumps.difference("B built directly", direct.dump(), "A migrated to B", migrated.dump());
      if (difference != null) {
        return "after A → B " + difference + "\nA → B was:\n" + up.script();
      }
      step = "reversing B → A";
      migrated.execute(script(up.downFile()));
      difference = SchemaDumps.difference("A", atA, "A → B → reverse", migrated.dump());
      return difference == null ? null : "after the reverse statements " + difference + "\nreverse was:\n" + up.downFile();
    } catch (IOException | SQLException | RuntimeException e) {
      return "pg_dump witness, " + step + " failed: " + e;
    }
  }

  private static String script(String script) {
    return script.equals(PgMigrationRenderer.EMPTY_MIGRATION) ? "" : script;
  }

  private static void count(dev.strata.schema.change.Change change) {
    KINDS.merge(change.getClass().getSimpleName(), 1, Integer::sum);
    if (change instanceof dev.strata.schema.change.Change.ModifyTable m) {
      m.changes().forEach(tc -> KINDS.merge(tc.getClass().getSimpleName(), 1, Integer::sum));
    }
  }

  /** The change summary from the database to {@code schema}, or null when there is none. */
  private static String drift(SchemaResolver resolver, SchemaSource.Database database, SchemaSource schema) {
    SchemaResolver.Resolved r = resolver.resolve(database, schema);
    Comparison c = Comparison.of(r.from(), r.to());
    return c.isEmpty() ? null : c.summary() + c.script();
  }

  private static SchemaSource.PrismaSchemaFiles source(String text, String name) {
    return new SchemaSource.PrismaSchemaFiles(List.of(new SourceFile("schema-" + name + ".prisma", text)), "schema " + name);
  }

  /**
   * CREATE EXTENSION for the extensions the corpus projects' raw operator classes and types need
   * (their histories install them by hand): pg_trgm for {@code gin_trgm_ops}, citext.
   */
  private static String extensions(String schemas) {
    StringBuilder sql = new StringBuilder();
    if (schemas.contains("gin_trgm_ops") || schemas.contains("gist_trgm_ops")) {
      sql.append("CREATE EXTENSION IF NOT EXISTS pg_trgm;\n");
    }
    if (schemas.contains("Citext")) {
      sql.append("CREATE EXTENSION IF NOT EXISTS citext;\n");
    }
    return sql.toString();
  }

  private static void execute(Connection c, String script) throws SQLException {
    if (script.isBlank() || script.equals(PgMigrationRenderer.EMPTY_MIGRATION)) {
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute(script);
    }
  }
}
