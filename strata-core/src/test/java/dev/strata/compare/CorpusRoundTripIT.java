package dev.strata.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.SchemaSource;
import dev.strata.config.DatabaseUrl;
import dev.strata.diag.DiagnosticRenderer;
import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.embedded.ShadowDatabase;
import dev.strata.migrate.MigrationReplayer;
import dev.strata.migrate.MigrationsDirectory;
import dev.strata.postgres.inspect.InspectOptions;
import dev.strata.postgres.inspect.PgInspector;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.ast.ConfigBlock;
import dev.strata.prisma.ast.Declaration;
import dev.strata.prisma.ast.PrismaFile;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.prisma.parse.PrismaParser;
import dev.strata.prisma.pull.PrismaIntrospection;
import dev.strata.prisma.pull.PullOptions;
import dev.strata.prisma.pull.PullResult;
import dev.strata.schema.DatabaseSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Round trips through a real database (the embedded PostgreSQL) on the eight corpus projects.
 *
 * <ol>
 *   <li>Create: the script of {@code migrate diff --from-empty --to-schema} applied to an empty
 *       database introspects to the schema's IR (the diff from the schema to the database is empty).
 *   <li>Pull: the database a history builds, pulled as {@code db pull} renders it (from the
 *       project's configuration blocks alone, as a first pull), gives a schema that validates and
 *       diffs empty against that same database.
 * </ol>
 *
 * Both diffs go through {@link SchemaResolver}, so the database side is seen as Prisma sees it.
 */
class CorpusRoundTripIT {
  private static final Map<String, String> FIGURES = new ConcurrentSkipListMap<>();

  @TestFactory
  Stream<DynamicTest> the_script_from_empty_builds_a_database_that_introspects_as_the_schema() {
    return CorpusProjects.all().stream().map(project -> DynamicTest.dynamicTest(project.name(), () -> {
      long started = System.nanoTime();
      SchemaSource.PrismaSchemaFiles schema = project.schemaSource();
      SchemaResolver resolver = new SchemaResolver(new EmbeddedShadows());
      SchemaResolver.Resolved created = resolver.resolve(new SchemaSource.Empty(), schema);
      String script = Comparison.of(created.from(), created.to()).script();

      try (ShadowDatabase db = ShadowDatabase.create()) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
          // The project's tables use types and operator classes of extensions its migrations
          // install by hand (citext, pg_trgm); its production database has them.
          for (String extension : extensionsOfHistory(project)) {
            s.execute("CREATE EXTENSION IF NOT EXISTS \"" + extension + "\"");
          }
          s.execute(script);
        }
        SchemaResolver.Resolved back = resolver.resolve(schema, database(db));
        Comparison drift = Comparison.of(back.from(), back.to());
        FIGURES.merge(project.name(), String.format("create %5d ms (%d tables)",
            (System.nanoTime() - started) / 1_000_000, created.to().tables().size()), (a, b) -> a + "  " + b);
        assertThat(drift.script()).as(project.name() + ": the created database differs from its schema")
            .isEqualTo("-- This is an empty migration.");
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> a_pulled_history_diffs_empty_against_its_own_database() {
    return CorpusProjects.all().stream().map(project -> DynamicTest.dynamicTest(project.name(), () -> {
      long started = System.nanoTime();
      SchemaSource.PrismaSchemaFiles schema = project.schemaSource();
      PrismaFrontEnd.Checked original = PrismaFrontEnd.check(schema.files());
      assertThat(original.hasErrors()).as("the project's schema validates").isFalse();
      DatabaseSchema lowered = PrismaLowering.lower(original.schema());

      try (ShadowDatabase db = ShadowDatabase.create()) {
        DatabaseSchema inspected;
        try (Connection c = db.connect()) {
          MigrationReplayer.on(c).replay(MigrationsDirectory.read(project.migrationsPath()).folders());
          InspectOptions options = lowered.explicitSchemas().isEmpty()
              ? InspectOptions.defaults()
              : InspectOptions.multiSchema(lowered.explicitSchemas().stream().sorted().toList());
          inspected = PgInspector.inspect(c, options);
        }
        PullResult pulled = PrismaIntrospection.render(inspected, Optional.of(configOnly(original.schema())), PullOptions.defaults());
        List<SourceFile> files = new ArrayList<>();
        pulled.files().forEach((path, text) -> files.add(new SourceFile(path, text)));
        PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(files);
        assertThat(checked.hasErrors())
            .as(project.name() + ": the pulled schema is invalid:\n" + new DiagnosticRenderer(false).render(checked.diagnostics())
                + "\n" + pulled.text())
            .isFalse();

        SchemaResolver.Resolved back = new SchemaResolver(new EmbeddedShadows())
            .resolve(new SchemaSource.PrismaSchemaFiles(files, "pulled schema"), database(db));
        Comparison drift = Comparison.of(back.from(), back.to());
        FIGURES.merge(project.name(), String.format("pull %5d ms (%d models, %d warnings)",
            (System.nanoTime() - started) / 1_000_000, checked.schema().models().size(), pulled.warnings().size()),
            (a, b) -> a + "  " + b);
        assertThat(drift.script()).as(project.name() + ": the pulled schema differs from its database\n" + drift.summary())
            .isEqualTo("-- This is an empty migration.");
      }
    }));
  }

  @AfterAll
  static void print_figures() {
    System.out.println("[strata] corpus round trips (embedded PostgreSQL):");
    new TreeMap<>(FIGURES).forEach((name, line) -> System.out.printf("  %-24s %s%n", name, line));
  }

  private static final Pattern CREATE_EXTENSION =
      Pattern.compile("(?im)^\\s*create\\s+extension\\s+(?:if\\s+not\\s+exists\\s+)?\"?([a-z0-9_]+)\"?");

  /** The extensions a project's migrations create. */
  private static Set<String> extensionsOfHistory(CorpusProjects.Project project) throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(project.migrationsPath())) {
      for (Path file : files.filter(p -> p.getFileName().toString().equals("migration.sql")).toList()) {
        Matcher m = CREATE_EXTENSION.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
          names.add(m.group(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return names;
  }

  private static SchemaSource.Database database(ShadowDatabase db) {
    return new SchemaSource.Database(DatabaseUrl.parse(db.url()), "test");
  }

  /** The configuration blocks of a schema, file by file: what a first {@code db pull} starts from. */
  private static PrismaSchema configOnly(PrismaSchema schema) {
    List<SourceFile> files = new ArrayList<>();
    for (PrismaFile file : schema.files()) {
      StringBuilder text = new StringBuilder();
      for (Declaration d : file.declarations()) {
        if (d instanceof ConfigBlock c) {
          text.append(c.span().text()).append("\n\n");
        }
      }
      if (text.length() > 0) {
        files.add(new SourceFile(file.source().path(), text.toString()));
      }
    }
    return PrismaParser.parse(files, new Diagnostics());
  }
}
