package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.PostgresServer;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.SharedData;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus project's whole history deploys into an empty database through the CLI (schema
 * located with {@code --schema}, migrations beside it), status then says up to date, and a rerun
 * has nothing to do.
 */
@StrataDatabase
class MigrateDeployCorpusIT {
  /** The corpus projects: folder, schema path (rallly's is a folder), and migration count from the corpus README. */
  record Project(String folder, String schema, int migrations) {
    @Override
    public String toString() {
      return folder;
    }
  }

  static List<Project> projects() {
    return List.of(
        new Project("umami-software__umami", "prisma/schema.prisma", 19),
        new Project("spliit-app__spliit", "prisma/schema.prisma", 25),
        new Project("documenso__documenso", "packages/prisma/schema.prisma", 163),
        new Project("lukevella__rallly", "packages/database/prisma", 145),
        new Project("ghostfolio__ghostfolio", "prisma/schema.prisma", 121),
        new Project("hoppscotch__hoppscotch", "packages/hoppscotch-backend/prisma/schema.prisma", 21),
        new Project("linkwarden__linkwarden", "packages/prisma/schema.prisma", 98),
        new Project("langfuse__langfuse", "packages/shared/prisma/schema.prisma", 434));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("projects")
  void deploys_the_whole_history_then_is_up_to_date_and_a_rerun_does_nothing(Project project, TestDatabase db) throws IOException, java.sql.SQLException {
    Path root = SharedData.corpus().resolve(project.folder());
    PostgresServer server = db.server();
    String name = "deploy_" + project.folder().replaceAll("[^a-z]+", "_").toLowerCase(Locale.ROOT) + "_"
        + UUID.randomUUID().toString().substring(0, 8);
    server.createDatabase(name);
    try {
      String url = server.postgresUrl(name);
      Path work = Files.createTempDirectory("strata-corpus-");
      String schema = root.resolve(project.schema()).toString();
      String[] common = {"--schema", schema, "--url", url};

      CliRun deploy = CliRun.in(work, Map.of(), concat(new String[] {"migrate", "deploy"}, common));
      assertThat(deploy.exitCode()).as(deploy.all()).isZero();
      assertThat(deploy.out()).contains(project.migrations() + " migrations found in ")
          .contains("All migrations have been successfully applied.");
      assertThat(Stream.of(deploy.out().split("\n")).filter(l -> l.startsWith("Applying migration `")).count())
          .isEqualTo(project.migrations());

      CliRun status = CliRun.in(work, Map.of(), concat(new String[] {"migrate", "status"}, common));
      assertThat(status.exitCode()).as(status.all()).isZero();
      assertThat(status.out()).contains("Database schema is up to date!");

      CliRun again = CliRun.in(work, Map.of(), concat(new String[] {"migrate", "deploy"}, common));
      assertThat(again.exitCode()).as(again.all()).isZero();
      assertThat(again.out()).endsWith("\nNo pending migrations to apply.\n");

      try (var c = server.connect(name); var s = c.createStatement();
          var rows = s.executeQuery("select count(*), count(finished_at), count(distinct migration_name), min(applied_steps_count)"
              + " from _prisma_migrations")) {
        rows.next();
        assertThat(List.of(rows.getInt(1), rows.getInt(2), rows.getInt(3), rows.getInt(4)))
            .containsExactly(project.migrations(), project.migrations(), project.migrations(), 1);
      }
    } finally {
      server.dropDatabase(name);
    }
  }

  private static String[] concat(String[] a, String[] b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }
}
