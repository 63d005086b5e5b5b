package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.SourceFile;
import dev.strata.embedded.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Locates and reads the real projects' schemas of the shared corpus as Prisma would. */
class SchemaLocatorCorpusTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "umami-software__umami, ., 1",
    "spliit-app__spliit, ., 1",
    "ghostfolio__ghostfolio, ., 1",
    "documenso__documenso, packages, 1",
    "hoppscotch__hoppscotch, packages/hoppscotch-backend, 1",
    "linkwarden__linkwarden, packages, 1",
    "langfuse__langfuse, packages/shared, 1",
  })
  void finds_each_single_file_schema_at_the_default_location_with_its_migrations(
      String project, String packageDir, int files) {
    Path cwd = SharedData.corpus().resolve(project).resolve(packageDir).normalize();

    ProjectConfig config = ProjectConfig.resolve(ProjectOptions.of(cwd, Map.of()));
    SchemaSources sources = config.readSchema();

    assertThat(sources.sources()).hasSize(files);
    assertThat(sources.sources().get(0).path()).isIn("prisma/schema.prisma", "schema.prisma");
    assertThat(sources.sources().get(0).text()).contains("datasource");
    assertThat(Files.isDirectory(config.migrationsDir())).as(config.migrationsDir().toString()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"lukevella__rallly, packages/database, prisma"})
  void reads_a_multi_file_schema_folder_in_path_order(String project, String packageDir, String schemaDir) {
    Path cwd = SharedData.corpus().resolve(project).resolve(packageDir).normalize();

    SchemaSources sources = SchemaLocator.read(cwd, SchemaLocator.explicit(cwd, schemaDir));

    assertThat(sources.sources()).hasSizeGreaterThan(1);
    assertThat(sources.sources()).extracting(SourceFile::path).isSorted().allMatch(p -> p.endsWith(".prisma"));
    assertThat(sources.sources()).anySatisfy(s -> assertThat(s.text()).contains("datasource"));
  }
}
