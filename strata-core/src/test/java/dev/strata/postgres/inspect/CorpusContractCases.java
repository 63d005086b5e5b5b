package dev.strata.postgres.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.SourceFile;
import dev.strata.diff.SchemaDiffer;
import dev.strata.migrate.MigrationReplayer;
import dev.strata.migrate.MigrationsDirectory;
import dev.strata.postgres.render.PgDialect;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.Index;
import dev.strata.schema.IndexColumn;
import dev.strata.schema.change.Change;
import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The eight corpus projects against a server a subclass provides: each project's migration history
 * replayed into an empty database introspects to what its Prisma schema lowers to. Prisma reports
 * no drift there, so neither may the differ, apart from indexes the migrations add by hand that a
 * Prisma schema cannot express (expression and partial indexes) and default operator classes,
 * which introspection leaves out and lowering writes out ({@code ArrayOps} on a GIN index): such a
 * drop and re-add is excused only when it is the same index but for those operator classes and
 * the database's catalog says each one left out is the default for its column.
 */
abstract class CorpusContractCases {

  /** Creates a fresh database on the server under test. */
  abstract ScratchDatabase openDatabase();

  /** Project folder → its schema directory or file, and its migrations directory. */
  private static final Map<String, String[]> PROJECTS = Map.of(
      "umami-software__umami", new String[] {"prisma/schema.prisma", "prisma/migrations"},
      "spliit-app__spliit", new String[] {"prisma/schema.prisma", "prisma/migrations"},
      "documenso__documenso", new String[] {"packages/prisma/schema.prisma", "packages/prisma/migrations"},
      "lukevella__rallly", new String[] {"packages/database/prisma", "packages/database/prisma/migrations"},
      "ghostfolio__ghostfolio", new String[] {"prisma/schema.prisma", "prisma/migrations"},
      "hoppscotch__hoppscotch",
          new String[] {"packages/hoppscotch-backend/prisma/schema.prisma", "packages/hoppscotch-backend/prisma/migrations"},
      "linkwarden__linkwarden", new String[] {"packages/prisma/schema.prisma", "packages/prisma/migrations"},
      "langfuse__langfuse", new String[] {"packages/shared/prisma/schema.prisma", "packages/shared/prisma/migrations"});

  /**
   * Indexes on which a project's history and schema really disagree (checked by reading both):
   * umami's schema declares {@code @@index([visitId])} on session_replay that no migration
   * creates; hoppscotch's migrations add pg_trgm and JSON GIN indexes its schema never declares.
   */
  private static final Map<String, List<String>> KNOWN_DRIFT = Map.of(
      "umami-software__umami", List.of("session_replay_visit_id_idx"),
      "hoppscotch__hoppscotch", List.of("TeamCollection_title_trgm_idx", "TeamRequest_title_trgm_idx",
          "idx_mock_examples_team_requests_gin", "idx_mock_examples_user_requests_gin"));

  @TestFactory
  Stream<DynamicTest> corpus_histories_introspect_to_what_their_schemas_lower_to() {
    Path corpus = SharedData.corpus();
    return PROJECTS.keySet().stream().sorted().map(project -> DynamicTest.dynamicTest(project, () -> {
      String[] paths = PROJECTS.get(project);
      check(project, corpus.resolve(project).resolve(paths[0]), corpus.resolve(project).resolve(paths[1]));
    }));
  }

  private void check(String project, Path schemaPath, Path migrations) throws Exception {
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(sources(schemaPath));
    assertThat(checked.hasErrors()).as("schema validates").isFalse();
    DatabaseSchema lowered = PrismaLowering.lower(checked.schema());

    DatabaseSchema inspected;
    List<Change> changes;
    List<Change> unexplained = new ArrayList<>();
    try (ScratchDatabase db = openDatabase(); Connection c = db.connect()) {
      MigrationReplayer.on(c).replay(MigrationsDirectory.read(migrations).folders());
      InspectOptions options = lowered.explicitSchemas().isEmpty()
          ? InspectOptions.defaults()
          : InspectOptions.multiSchema(List.copyOf(lowered.explicitSchemas()));
      inspected = PgInspector.inspect(c, options.withDefaultSchema(lowered.defaultSchema()));
      changes = new SchemaDiffer(new PgDialect()).diff(inspected, lowered);
      for (Change change : changes) {
        if (!handWrittenIndex(change) && !defaultOperatorClass(c, change, changes)
            && !knownDrift(project, change)) {
          unexplained.add(change);
        }
      }
    }
    System.out.printf("[inspect corpus] %s: %d tables, %d columns, %d changes (%d explained)%n", project,
        inspected.tables().size(), inspected.tables().stream().mapToInt(t -> t.columns().size()).sum(),
        changes.size(), changes.size() - unexplained.size());
    assertThat(inspected.tables()).as("tables").hasSameSizeAs(lowered.tables());
    assertThat(unexplained).as("drift between the replayed history and the schema").isEmpty();
  }

  private static boolean knownDrift(String project, Change change) {
    List<String> names = KNOWN_DRIFT.getOrDefault(project, List.of());
    return change instanceof Change.DropIndex drop && names.contains(drop.index().name())
        || change instanceof Change.AddIndex add && names.contains(add.index().name());
  }

  /** An index only raw SQL can make: on an expression or with a predicate. */
  private static boolean handWrittenIndex(Change change) {
    return change instanceof Change.DropIndex drop
        && (drop.index().predicate().isPresent() || drop.index().columns().stream().anyMatch(c -> c.expression()));
  }

  /**
   * One half of a drop (the introspected index) and re-add (the lowered one) of the same index on
   * the same table that differ only in operator classes the introspected side leaves out, each of
   * which the catalog marks as the default for its column and which the lowered side names.
   * Uniqueness, method, predicate, keys, sort orders and any other operator class must agree.
   */
  static boolean defaultOperatorClass(Connection c, Change change, List<Change> all) throws SQLException {
    for (Change other : all) {
      Change.DropIndex drop = change instanceof Change.DropIndex d ? d : other instanceof Change.DropIndex d ? d : null;
      Change.AddIndex add = change instanceof Change.AddIndex a ? a : other instanceof Change.AddIndex a ? a : null;
      if (drop != null && add != null && drop.schema().equals(add.schema()) && drop.table().equals(add.table())
          && onlyDefaultOperatorClassesLeftOut(c, drop.schema(), drop.index(), add.index())) {
        return true;
      }
    }
    return false;
  }

  private static boolean onlyDefaultOperatorClassesLeftOut(Connection c, String schema, Index introspected, Index lowered)
      throws SQLException {
    if (!introspected.name().equals(lowered.name()) || introspected.unique() != lowered.unique()
        || !introspected.method().equals(lowered.method()) || !introspected.predicate().equals(lowered.predicate())
        || introspected.constraint() != lowered.constraint() || introspected.columns().size() != lowered.columns().size()) {
      return false;
    }
    List<String> defaults = null;
    boolean leftOut = false;
    for (int i = 0; i < introspected.columns().size(); i++) {
      IndexColumn in = introspected.columns().get(i);
      IndexColumn low = lowered.columns().get(i);
      if (!in.name().equals(low.name()) || in.expression() != low.expression() || !in.sort().equals(low.sort())) {
        return false;
      }
      if (in.operatorClass().equals(low.operatorClass())) {
        continue;
      }
      if (in.operatorClass().isPresent() || low.operatorClass().isEmpty()) {
        return false;
      }
      if (defaults == null) {
        defaults = defaultOperatorClasses(c, schema, introspected.name());
      }
      if (i >= defaults.size() || !low.operatorClass().get().equals(defaults.get(i))) {
        return false;
      }
      leftOut = true;
    }
    return leftOut;
  }

  /** Per key of the index in the database: its operator class when it is the column type's default, else "". */
  private static List<String> defaultOperatorClasses(Connection c, String schema, String index) throws SQLException {
    String sql = """
        SELECT CASE WHEN opc.opcdefault THEN opc.opcname ELSE '' END
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_namespace n ON n.oid = ic.relnamespace
        CROSS JOIN LATERAL unnest(i.indclass) WITH ORDINALITY AS k(opclass, position)
        JOIN pg_opclass opc ON opc.oid = k.opclass
        WHERE n.nspname = ? AND ic.relname = ?
        ORDER BY k.position""";
    List<String> out = new ArrayList<>();
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, schema);
      statement.setString(2, index);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          out.add(rows.getString(1));
        }
      }
    }
    return out;
  }

  private static List<SourceFile> sources(Path schemaPath) throws IOException {
    List<Path> files;
    if (Files.isDirectory(schemaPath)) {
      try (Stream<Path> walk = Files.walk(schemaPath)) {
        files = walk.filter(p -> p.toString().endsWith(".prisma")).sorted().toList();
      }
    } else {
      files = List.of(schemaPath);
    }
    List<SourceFile> sources = new ArrayList<>();
    for (Path file : files) {
      sources.add(new SourceFile(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
    }
    return sources;
  }
}
